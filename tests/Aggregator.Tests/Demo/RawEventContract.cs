using System.Text.Json;
using System.Text.RegularExpressions;
using Aggregator.Demo;

namespace Aggregator.Tests.Demo;

/// <summary>
/// The raw event contract, checked independently of the generator's writer: what the pipeline's validation
/// will accept. Returns null when the record is valid, else the reason.
/// </summary>
internal static partial class RawEventContract
{
    private static readonly string[] OptionalStrings = ["eventId", "sessionId", "url", "referrer", "userAgent", "ip"];
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string? Violation(byte[] value) => Violation(value, out _);

    public static string? Violation(byte[] value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value);
        }
        catch (JsonException ex)
        {
            return "not JSON: " + ex.Message;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "not an object: " + root.ValueKind;
            }

            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString()!.Length == 0)
            {
                return "type missing or not a string";
            }

            if (!root.TryGetProperty("timestamp", out var ts) || !TryTimestamp(ts, out timestamp))
            {
                return "timestamp missing or invalid";
            }

            if (timestamp < Earliest)
            {
                return "timestamp before 2000: " + timestamp.ToString("O");
            }

            var hasUser = IsNonEmptyString(root, "userId") || IsNonEmptyString(root, "anonymousId");
            if (!hasUser)
            {
                return "neither userId nor anonymousId is a non-empty string";
            }

            foreach (var name in OptionalStrings.Append("userId").Append("anonymousId"))
            {
                if (root.TryGetProperty(name, out var field) && field.ValueKind != JsonValueKind.String)
                {
                    return name + " is not a string";
                }
            }

            if (root.TryGetProperty("properties", out var properties) && properties.ValueKind != JsonValueKind.Object)
            {
                return "properties is not an object";
            }

            return null;
        }
    }

    private static bool IsNonEmptyString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;

    private static bool TryTimestamp(JsonElement element, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (!element.TryGetInt64(out var ms))
            {
                return false;
            }

            timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        return element.ValueKind == JsonValueKind.String
            && IsoWithOffset().IsMatch(element.GetString()!)
            && DateTimeOffset.TryParse(element.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out timestamp);
    }

    // ISO-8601 date-time that states its offset (Z or ±hh:mm); local times without one are ambiguous.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoWithOffset();

    /// <summary>The parsed top-level object (for field-level assertions).</summary>
    public static JsonElement Parse(GeneratedRecord record) => JsonDocument.Parse(record.Value).RootElement.Clone();
}
