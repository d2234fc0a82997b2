using System.Text;
using Aggregator.Streams.Dsl;
using Aggregator.Streams.Serdes;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.IntegrationTests.Streams;

/// <summary>
/// The runtime's reference workload: values are re-keyed (through a repartition topic) and counted in
/// 5-minute windows hopping by 1 minute, on RocksDB with a changelog; updates go to an output topic as
/// "key@windowStart" → count. The test computes the same counts independently and compares.
/// </summary>
internal static class HoppingCountTopology
{
    public static readonly TimeWindows Windows = TimeWindows.OfSizeAndGrace(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)).AdvanceBy(TimeSpan.FromMinutes(1));

    public static Aggregator.Streams.Topology.Topology Build(string input, string output)
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<byte[], string>.With(S.ByteArray, S.String))
            .GroupBy((_, value) => value, Grouped<string, string>.With(S.String, S.String).WithName("by-value"))
            .WindowedBy(Windows)
            .Count(Materialized<string, long>.As("hopping-counts"))
            .ToStream()
            .SelectKey((windowed, _) => $"{windowed.Key}@{windowed.Window.StartMs}")
            .To(output, Produced<string, long>.With(S.String, S.Long));
        return builder.Build();
    }

    /// <summary>Counts per "key@windowStart", computed the obvious way (no lateness in the test input).</summary>
    public static Dictionary<string, long> Reference(IEnumerable<(string Value, long Timestamp)> input)
    {
        var counts = new Dictionary<string, long>();
        foreach (var (value, timestamp) in input)
        {
            foreach (var start in Windows.WindowStartsFor(timestamp))
            {
                var key = $"{value}@{start}";
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }

    /// <summary>The last record per key in log order (a key lives in one partition): what compaction would keep.</summary>
    public static Dictionary<string, long> Latest(IEnumerable<Confluent.Kafka.ConsumeResult<byte[], byte[]>> records)
    {
        var latest = new Dictionary<string, long>();
        foreach (var record in records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value))
        {
            latest[Encoding.UTF8.GetString(record.Message.Key)] = S.Long.Deserialize(record.Message.Value);
        }

        return latest;
    }
}
