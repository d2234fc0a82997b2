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

    /// <summary>What differs, for a failure message: at most a few keys.</summary>
    public static string Difference(Dictionary<string, long> latest, IReadOnlyDictionary<string, long> expected)
    {
        var wrong = expected.Where(e => !latest.TryGetValue(e.Key, out var v) || v != e.Value)
            .Select(e => $"{e.Key}: expected {e.Value}, got {(latest.TryGetValue(e.Key, out var v) ? v : "none")}")
            .Concat(latest.Keys.Where(k => !expected.ContainsKey(k)).Select(k => $"{k}: unexpected {latest[k]}"))
            .ToList();
        return $"{wrong.Count} (key, window) differ; e.g. {string.Join("; ", wrong.Take(5))}";
    }
}
