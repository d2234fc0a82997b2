using Aggregator.Activity;
using Aggregator.Privacy;
using Aggregator.Streams.Dsl;
using Aggregator.Streams.State;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Topology;

/// <summary>
/// The product's topology, built without I/O from its settings:
/// <code>
/// activity.raw ─ refine (validate, mask, enrich; opt-outs dropped) ─┬─ rejected → activity.dlq
///                                                                   └─ by user → [refined-by-user]
/// [refined-by-user] ─ dedup by eventId ─┬─ activity.refined
///                                        └─ by count key → [counts-by-key]
/// [counts-by-key] ─ 5-min windows hopping by 1 min (grace) counted in RocksDB ─ activity.counts
/// </code>
/// Re-keying by user before dedup brings every copy of an event to one task whatever partition the collector
/// chose; re-keying by count key brings every event of a key to the task that counts it.
/// </summary>
internal static class ActivityTopology
{
    public const string CountsStore = "activity-counts";
    public const string RefinedByUser = "refined-by-user";
    public const string CountsByKey = "counts-by-key";

    public static Streams.Topology.Topology Build(ActivityTopologySettings settings, ActivityRefiner refiner, CountKeyBuilder countKeys, ActivityMetrics metrics)
    {
        var topics = settings.Topics;
        var builder = new StreamsBuilder();
        builder.GlobalTable(topics.OptOuts, Consumed<string, bool>.With(S.String, OptOutSerde.Instance), OptOutCheck.StoreName);

        var outcomes = builder.Stream(topics.Raw, Consumed<byte[]?, byte[]?>.With(S.ByteArray!, S.ByteArray!).WithName("raw-source"))
            .Process(() => new RefineProcessor(refiner, metrics), "refine", OptOutCheck.StoreName)
            .Split("refine-")
            .Branch((_, outcome) => outcome.DeadLetter is not null, "rejected")
            .DefaultBranch("accepted");

        outcomes["refine-rejected"]
            .Process(() => new DeadLetterWriter(), "dead-letter")
            .To(topics.Dlq, Produced<byte[]?, byte[]?>.With(S.ByteArray!, S.ByteArray!).WithName("dlq-sink"));

        builder.AddStateStore(Stores.Window(DedupProcessor.StoreName, S.String, S.Long, DedupProcessor.Bucket, settings.Dedup.Window));
        var deduped = outcomes["refine-accepted"]
            .Map((key, outcome) => new KeyValuePair<string, RefinedEvent>(key!, outcome.Event!), "to-refined-event")
            .Repartition(Repartitioned<string, RefinedEvent>.As(RefinedByUser).With(S.String, RefinedEventSerde.Instance))
            .Process(() => new DedupProcessor(metrics), "dedup", DedupProcessor.StoreName, OptOutCheck.StoreName);

        deduped
            .Peek((_, _) => metrics.RecordRefined(), "count-refined")
            .To(topics.Refined, Produced<string, RefinedEvent>.With(S.String, RefinedEventSerde.Instance).WithName("refined-sink"));

        var windows = TimeWindows.OfSizeAndGrace(settings.Windows.Size, settings.Windows.Grace).AdvanceBy(settings.Windows.Advance);
        deduped
            .Map((_, refined) => new KeyValuePair<string, CountedEvent>(
                countKeys.Build(refined), new CountedEvent(refined.Type, refined.Page?.Path ?? CountKeyBuilder.Missing, refined.Key)), "to-counted-event")
            .GroupByKey(Grouped<string, CountedEvent>.With(S.String, CountedEventSerde.Instance).WithName(CountsByKey))
            .WindowedBy(windows)
            .Count(Materialized<string, long>.As(CountsStore).WithRetention(settings.Windows.Retention))
            .ToStream("counts-stream")
            .Map((windowed, count) => new KeyValuePair<byte[], byte[]>(WindowedCountJson.Key(windowed), WindowedCountJson.Value(windowed, count)), "to-counts-json")
            .To(topics.Counts, Produced<byte[], byte[]>.With(S.ByteArray, S.ByteArray).WithName("counts-sink"));

        return builder.Build();
    }
}
