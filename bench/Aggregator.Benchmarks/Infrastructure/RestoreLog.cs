using System.Globalization;
using System.Text.RegularExpressions;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Streamiz's own account of a restore, from the worker's log: StreamTask's "Restoration will start soon." when a task
/// starts restoring, and StoreChangelogReader's "Finished restoring changelog {store} to store {topic} [[partition]] with a
/// total number of {n} records", one line per changelog partition. The app keeps both categories quiet; the bench turns
/// them on for the cold start. With StoreChangelogReader at Debug (<see cref="StoreStartCategory"/>) its "State store
/// {topic} [[partition]] metadata found" line also dates when each changelog partition was handed to the restore consumer,
/// so one store's restore can be timed apart from the others' (and from the erasure application's, whose tasks log the same
/// "Restoration will start soon" in the same process, seconds earlier).
/// </summary>
internal static partial class RestoreLog
{
    public static readonly string[] Categories =
        ["Streamiz.Kafka.Net.Processors.Internal.StoreChangelogReader", "Streamiz.Kafka.Net.Processors.StreamTask"];

    /// <summary>The category to set at Debug for <see cref="RestoreAccount.StoreSeconds"/>.</summary>
    public const string StoreStartCategory = "Streamiz.Kafka.Net.Processors.Internal.StoreChangelogReader";

    public static RestoreAccount Parse(string logPath)
    {
        var byStore = new Dictionary<string, long>(StringComparer.Ordinal);
        var topicStarts = new Dictionary<string, double>(StringComparer.Ordinal);
        var storeEnds = new Dictionary<string, (string Topic, double At)>(StringComparer.Ordinal);
        var partitions = 0;
        double? first = null, last = null;
        if (!File.Exists(logPath))
        {
            return new RestoreAccount(byStore, 0, null, null, topicStarts, storeEnds);
        }

        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var finished = Finished().Match(line);
            if (finished.Success)
            {
                partitions++;
                var store = finished.Groups["store"].Value;
                byStore[store] = byStore.GetValueOrDefault(store) + long.Parse(finished.Groups["n"].Value, CultureInfo.InvariantCulture);
                last = Time(line) ?? last;
                if (Time(line) is { } at)
                {
                    storeEnds[store] = (finished.Groups["topic"].Value, at);
                }
            }
            else if (MetadataFound().Match(line) is { Success: true } found && Time(line) is { } at)
            {
                topicStarts.TryAdd(found.Groups["topic"].Value, at);
            }
            else if (line.Contains("Restoration will start soon", StringComparison.Ordinal))
            {
                first ??= Time(line);
            }
        }

        return new RestoreAccount(byStore, partitions, first, last, topicStarts, storeEnds);
    }

    // Lines start with the console logger's "HH:mm:ss.fff " timestamp.
    private static double? Time(string line) =>
        line.Length > 12 && TimeSpan.TryParseExact(line.AsSpan(0, 12), @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture, out var at) ? at.TotalSeconds : null;

    [GeneratedRegex(@"Finished restoring changelog (?<store>\S+) to store (?<topic>\S+) .*?with a total number of (?<n>\d+) records")]
    private static partial Regex Finished();

    [GeneratedRegex(@"State store (?<topic>\S+) \[\[\d+\]\] metadata found")]
    private static partial Regex MetadataFound();
}

/// <summary>
/// Records restored per store, changelog partitions finished, and the first start / last finish (seconds of the day, the
/// worker's clock); per changelog topic when its first partition reached the restore consumer (Debug only), per store its last finish.
/// </summary>
internal sealed record RestoreAccount(
    Dictionary<string, long> ByStore,
    int Partitions,
    double? FirstStart,
    double? LastFinished,
    IReadOnlyDictionary<string, double> TopicStarts,
    IReadOnlyDictionary<string, (string Topic, double At)> StoreEnds)
{
    public long Restored => ByStore.Values.Sum();

    public double Seconds => FirstStart is { } first && LastFinished is { } last ? last - first : double.NaN;

    /// <summary>One store's restore: its changelog's first partition handed to the restore consumer → its last partition finished (NaN without the Debug lines).</summary>
    public double StoreSeconds(string store) =>
        StoreEnds.TryGetValue(store, out var end) && TopicStarts.TryGetValue(end.Topic, out var start) ? end.At - start : double.NaN;
}
