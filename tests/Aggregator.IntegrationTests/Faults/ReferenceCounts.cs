using System.Text.Json;
using Aggregator.IntegrationTests.Pipeline;

namespace Aggregator.IntegrationTests.Faults;

/// <summary>
/// The reference counts of <see cref="ActivityInput"/> recomputed for a subset of its expected events (e.g. without the
/// events a mid-stream opt-out removes), with the same windows and "type|path@windowStart" keys.
/// </summary>
internal static class ReferenceCounts
{
    public static Dictionary<string, long> Of(IEnumerable<ActivityInput> inputs, Func<string, string, bool> includeEventOfUser)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            foreach (var (_, value) in input.Records)
            {
                using var json = TryParse(value);
                if (json?.RootElement.TryGetProperty("eventId", out var id) != true || !input.ExpectedRefined.TryGetValue(id.GetString()!, out var user)
                    || !seen.Add(id.GetString()!) || !includeEventOfUser(id.GetString()!, user))
                {
                    continue; // malformed, a resend, or not expected at all
                }

                var root = json.RootElement;
                var time = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
                var path = new Uri(root.GetProperty("url").GetString()!).AbsolutePath;
                foreach (var windowStart in ReferenceWindows.StartsFor(time))
                {
                    var key = $"{root.GetProperty("type").GetString()}|{path}@{windowStart}";
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>How many records of activity.refined the given raw records must produce (distinct expected events).</summary>
    public static int ExpectedRefined(ActivityInput input, IEnumerable<(string? Key, byte[] Value)> records) =>
        records.Select(r => EventIdOf(r.Value)).Where(id => id is not null && input.ExpectedRefined.ContainsKey(id)).Distinct(StringComparer.Ordinal).Count();

    public static string? EventIdOf(byte[] value)
    {
        using var json = TryParse(value);
        return json?.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("eventId", out var id) ? id.GetString() : null;
    }

    private static JsonDocument? TryParse(byte[] value)
    {
        try
        {
            return JsonDocument.Parse(value);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
