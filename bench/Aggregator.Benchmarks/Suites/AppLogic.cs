using System.Diagnostics;
using Aggregator.Activity;
using Aggregator.Benchmarks.Infrastructure;
using Aggregator.Topology;
using Aggregator.Topology.Serdes;
using Confluent.Kafka;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// The activity topology's own per-event work, without Streamiz or Kafka: refine (parse, validate, mask, enrich), the
/// tracked event's serde for the by-user hop, the refined event's serde for activity.refined, and the count key (the
/// by-key hop carries partial counts per key and minute, not events). What the worker spends beyond this is Streamiz's,
/// RocksDB's and librdkafka's.
/// </summary>
internal static class AppLogic
{
    public static (double CpuMicroseconds, double AllocatedBytes) Measure(RawData data)
    {
        var refiner = ActivityRefiner.Create();
        var countKeys = CountKeyBuilder.For(CountDimension.Type, CountDimension.Path);
        var context = SerializationContext.Empty;
        // One pass to warm up the JIT, one measured.
        Pass(data, refiner, countKeys, context);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sink = Pass(data, refiner, countKeys, context);
        var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        GC.KeepAlive(sink);
        return (seconds * 1e6 / data.Count, allocated / (double)data.Count);
    }

    private static long Pass(RawData data, ActivityRefiner refiner, CountKeyBuilder countKeys, SerializationContext context)
    {
        long sink = 0;
        var offset = 0L;
        foreach (var record in data.Records)
        {
            var result = refiner.Refine(record.Key, record.Value, new SourcePosition("raw", 0, offset++));
            if (result.Event is not { } refined)
            {
                continue;
            }

            var hop = TrackedEventSerDes.Instance.Serialize(new TrackedEvent(refined, new RawOrigin(0, offset), refined.EventTime.ToUnixTimeMilliseconds()), context);
            var tracked = TrackedEventSerDes.Instance.Deserialize(hop, context);
            sink += RefinedEventSerDes.Instance.Serialize(tracked.Event!, context).Length;
            var key = countKeys.Build(tracked.Event!);
            sink += key.Length;
        }

        return sink;
    }
}
