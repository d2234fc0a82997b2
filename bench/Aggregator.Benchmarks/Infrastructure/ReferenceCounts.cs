using System.Globalization;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// What activity.counts must say, computed here from the generator's truth (not from the app's code): every expected
/// event (valid, first copy, user not opted out) counted into each 5-minute window, hopping by 1 minute, that contains its
/// event time, under the key "type|path". Keys are "type|path@windowStart" with windowStart as the contract writes it.
/// </summary>
internal static class ReferenceCounts
{
    private static readonly long SizeMs = (long)TimeSpan.FromMinutes(5).TotalMilliseconds;
    private static readonly long AdvanceMs = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;

    public static Dictionary<string, long> Of(RawData data)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in data.Records)
        {
            var truth = record.Truth;
            if (truth.IsMalformed || truth.IsOptedOut || !seen.Add(RawData.EventIdOf(record)))
            {
                continue;
            }

            var time = truth.EventTime.ToUnixTimeMilliseconds();
            var last = time - (time % AdvanceMs);
            for (var start = last - SizeMs + AdvanceMs; start <= last; start += AdvanceMs)
            {
                var key = Key($"{Escape(truth.Type)}|{Escape(truth.Path)}", start);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }

    public static string Key(string countKey, long windowStartMs) =>
        countKey + "@" + DateTimeOffset.FromUnixTimeMilliseconds(windowStartMs).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Escape(string? value) => string.IsNullOrEmpty(value) ? "-" : value.Replace("|", "%7C", StringComparison.Ordinal);
}
