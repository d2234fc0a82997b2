using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;

namespace Aggregator.IntegrationTests.Infrastructure;

/// <summary>activity.counts as its consumers read it: the latest record per (key, window start) is the truth.</summary>
internal static class CountsReader
{
    /// <summary>"key@windowStartMs" → the latest count, in partition-offset order.</summary>
    public static Dictionary<string, long> Latest(IEnumerable<ConsumeResult<byte[], byte[]>> records)
    {
        var latest = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value))
        {
            using var value = JsonDocument.Parse(record.Message.Value);
            var start = DateTimeOffset.Parse(value.RootElement.GetProperty("windowStart").GetString()!, CultureInfo.InvariantCulture);
            latest[$"{value.RootElement.GetProperty("key").GetString()}@{start.ToUnixTimeMilliseconds()}"] = value.RootElement.GetProperty("count").GetInt64();
        }

        return latest;
    }

    public static bool Matches(Dictionary<string, long> latest, IReadOnlyDictionary<string, long> expected) =>
        latest.Count == expected.Count && expected.All(e => latest.TryGetValue(e.Key, out var v) && v == e.Value);

    /// <summary>
    /// The at-least-once contract (after kill -9, replays may only add): every expected (key, window) is there with at
    /// least its true count, and no other (key, window) exists.
    /// </summary>
    public static bool AtLeast(Dictionary<string, long> latest, IReadOnlyDictionary<string, long> expected) =>
        latest.Count == expected.Count && expected.All(e => latest.TryGetValue(e.Key, out var v) && v >= e.Value);

    /// <summary>How far counts exceed the truth: windows over, the total excess, the largest excess in one window.</summary>
    public static (int Windows, long Total, long Max) Overshoot(Dictionary<string, long> latest, IReadOnlyDictionary<string, long> expected)
    {
        var excess = expected.Select(e => latest.TryGetValue(e.Key, out var v) ? v - e.Value : 0).Where(d => d > 0).ToList();
        return (excess.Count, excess.Sum(), excess.DefaultIfEmpty(0).Max());
    }

    /// <summary>What differs, for a failure message: at most a few keys.</summary>
    public static string Difference(Dictionary<string, long> latest, IReadOnlyDictionary<string, long> expected, bool atLeast = false)
    {
        var wrong = expected.Where(e => !latest.TryGetValue(e.Key, out var v) || (atLeast ? v < e.Value : v != e.Value))
            .Select(e => $"{e.Key}: expected {e.Value}, got {(latest.TryGetValue(e.Key, out var v) ? v : "none")}")
            .Concat(latest.Keys.Where(k => !expected.ContainsKey(k)).Select(k => $"{k}: unexpected {latest[k]}"))
            .ToList();
        return $"{wrong.Count} (key, window) differ; e.g. {string.Join("; ", wrong.Take(5))}";
    }
}
