using Aggregator.Activity;
using Aggregator.Benchmarks.Infrastructure;
using Aggregator.Topology;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// The activity topology's own per-event work, without the runtime: refine (parse, validate, mask, enrich),
/// the refined event's serde for the by-user repartition hop and for activity.refined, the count key and the
/// counted event's serde for the by-key hop. What the stream thread spends beyond this is the runtime's:
/// polling, routing, caches, RocksDB, changelogs, watermarks, producing.
/// </summary>
internal static class AppLogic
{
    public static (double CpuMicroseconds, double AllocatedBytes) Measure(RawData data)
    {
        var refiner = ActivityRefiner.Create();
        var countKeys = CountKeyBuilder.For(CountDimension.Type, CountDimension.Path);
        var cost = new CostProfile();
        long sink = 0;
        var offset = 0L;
        foreach (var record in data.Records)
        {
            var result = refiner.Refine(record.Key, record.Value, new SourcePosition("raw", 0, offset++));
            if (result.Event is not { } refined)
            {
                continue;
            }

            var wire = RefinedEventSerde.Instance.Serialize(refined);
            var hopped = RefinedEventSerde.Instance.Deserialize(wire);
            sink += RefinedEventSerde.Instance.Serialize(hopped).Length;
            var counted = new CountedEvent(hopped.Type, hopped.Page?.Path ?? CountKeyBuilder.Missing, hopped.Key);
            var key = countKeys.Build(hopped);
            sink += key.Length + CountedEventSerde.Instance.Deserialize(CountedEventSerde.Instance.Serialize(counted)).Path.Length;
        }

        cost.Stop();
        GC.KeepAlive(sink);
        return (cost.ProcessCpuSeconds * 1e6 / data.Count, cost.AllocatedBytes / (double)data.Count);
    }
}
