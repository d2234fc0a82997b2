using System.Globalization;
using System.Text.RegularExpressions;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Streamiz's own account of a restore, from the worker's log: StreamTask's "Restoration will start soon." when a task
/// starts restoring, and StoreChangelogReader's "Finished restoring changelog {store} to store {topic} [[partition]] with a
/// total number of {n} records", one line per changelog partition. The app keeps both categories quiet; the bench turns
/// them on for the cold start.
/// </summary>
internal static partial class RestoreLog
{
    public static readonly string[] Categories =
        ["Streamiz.Kafka.Net.Processors.Internal.StoreChangelogReader", "Streamiz.Kafka.Net.Processors.StreamTask"];

    public static RestoreAccount Parse(string logPath)
    {
        var byStore = new Dictionary<string, long>(StringComparer.Ordinal);
        var partitions = 0;
        double? first = null, last = null;
        if (!File.Exists(logPath))
        {
            return new RestoreAccount(byStore, 0, null, null);
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
            }
            else if (line.Contains("Restoration will start soon", StringComparison.Ordinal))
            {
                first ??= Time(line);
            }
        }

        return new RestoreAccount(byStore, partitions, first, last);
    }

    // Lines start with the console logger's "HH:mm:ss.fff " timestamp.
    private static double? Time(string line) =>
        line.Length > 12 && TimeSpan.TryParseExact(line.AsSpan(0, 12), @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture, out var at) ? at.TotalSeconds : null;

    [GeneratedRegex(@"Finished restoring changelog (?<store>\S+) to store .+? with a total number of (?<n>\d+) records")]
    private static partial Regex Finished();
}

/// <summary>Records restored per store, changelog partitions finished, and the first start / last finish (seconds of the day, the worker's clock).</summary>
internal sealed record RestoreAccount(Dictionary<string, long> ByStore, int Partitions, double? FirstStart, double? LastFinished)
{
    public long Restored => ByStore.Values.Sum();

    public double Seconds => FirstStart is { } first && LastFinished is { } last ? last - first : double.NaN;
}
