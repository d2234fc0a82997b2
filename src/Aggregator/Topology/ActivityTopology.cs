using Aggregator.Activity;
using Aggregator.Privacy;
using Aggregator.Streams.Dsl;
using Aggregator.Streams.State;
using Aggregator.Topology.Reporting;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Topology;

/// <summary>
/// The product's topology, built without I/O from its settings:
/// <code>
/// activity.raw ─ refine (validate, mask, enrich; opt-outs marked) ─┬─ rejected → activity.dlq
///                                                                  ├─ accepted, by user → [refined-by-user]
///                                                                  └─ stats → [reporting-refine]
/// [refined-by-user] ─ dedup by eventId ─┬─ unique → activity.refined
///                                        ├─ unique, by count key → [counts-by-key]
///                                        └─ stats → [reporting-dedup]
/// [counts-by-key] ─┬─ 5-min windows hopping by 1 min (grace) counted in RocksDB → activity.counts
///                  └─ stats (report partials, alarm windows) → [reporting-counts]
/// [reporting-*] (1 partition) ─ report merger: one summary per interval, alarms, Slack outbox
/// </code>
/// Re-keying by user before dedup brings every copy of an event to one task whatever partition the collector
/// chose; re-keying by count key brings every event of a key to the task that counts it; the single-partition
/// reporting topics bring every task's partials to one merger, so exactly one summary goes out per interval.
/// </summary>
internal static class ActivityTopology
{
    public const string CountsStore = "activity-counts";
    public const string RefinedByUser = "refined-by-user";
    public const string CountsByKey = "counts-by-key";

    /// <summary>Where the counting tasks send their partials: its writers are the partitions a summary waits for.</summary>
    public const string CountsReporting = "reporting-counts";

    public static Streams.Topology.Topology Build(
        ActivityTopologySettings settings, ActivityRefiner refiner, CountKeyBuilder countKeys, ActivityMetrics metrics, ReportingSettings reporting)
    {
        var topics = settings.Topics;
        var builder = new StreamsBuilder();
        builder.GlobalTable(topics.OptOuts, Consumed<string, bool>.With(S.String, OptOutSerde.Instance), OptOutCheck.StoreName);
        foreach (var store in new[] { RefineStatsProcessor.StoreName, DedupStatsProcessor.StoreName, CountStatsProcessor.StoreName, ReportMergerProcessor.StoreName })
        {
            builder.AddStateStore(Stores.KeyValue(store, S.String, S.ByteArray));
        }

        // Sub-topology 0: refine.
        var refined = builder.Stream(topics.Raw, Consumed<byte[]?, byte[]?>.With(S.ByteArray!, S.ByteArray!).WithName("raw-source"))
            .Process(() => new RefineProcessor(refiner, metrics), "refine", OptOutCheck.StoreName);
        var outcomes = refined
            .Split("refine-")
            .Branch((_, outcome) => outcome.DeadLetter is not null, "rejected")
            .Branch((_, outcome) => outcome.OptedOut, "opted-out")
            .DefaultBranch("accepted");
        outcomes["refine-rejected"]
            .Process(() => new DeadLetterWriter(), "dead-letter")
            .To(topics.Dlq, Produced<byte[]?, byte[]?>.With(S.ByteArray!, S.ByteArray!).WithName("dlq-sink"));
        var refineStats = refined.Process(() => new RefineStatsProcessor(reporting), "refine-stats", RefineStatsProcessor.StoreName);

        // Sub-topology 1: dedup, refined output.
        builder.AddStateStore(Stores.Window(DedupProcessor.StoreName, S.String, S.Long, DedupProcessor.Bucket, settings.Dedup.Window));
        var verdicts = outcomes["refine-accepted"]
            .Map((key, outcome) => new KeyValuePair<string, RefinedEvent>(key!, outcome.Event!), "to-refined-event")
            .Repartition(Repartitioned<string, RefinedEvent>.As(RefinedByUser).With(S.String, RefinedEventSerde.Instance))
            .Process(() => new DedupProcessor(metrics), "dedup", DedupProcessor.StoreName, OptOutCheck.StoreName);
        var dedupStats = verdicts.Process(() => new DedupStatsProcessor(reporting), "dedup-stats", DedupStatsProcessor.StoreName);
        var unique = verdicts
            .Filter((_, verdict) => verdict.Outcome == DedupOutcome.Unique, "unique")
            .MapValues(verdict => verdict.Event, "unique-event");
        unique
            .Peek((_, _) => metrics.RecordRefined(), "count-refined")
            .To(topics.Refined, Produced<string, RefinedEvent>.With(S.String, RefinedEventSerde.Instance).WithName("refined-sink"));

        // Sub-topology 2: windowed counts, and the statistics reports and alarms are made of.
        var windows = TimeWindows.OfSizeAndGrace(settings.Windows.Size, settings.Windows.Grace).AdvanceBy(settings.Windows.Advance);
        var counted = unique
            .Map((_, refinedEvent) => new KeyValuePair<string, CountedEvent>(
                countKeys.Build(refinedEvent), new CountedEvent(refinedEvent.Type, refinedEvent.Page?.Path ?? CountKeyBuilder.Missing, refinedEvent.Key)), "to-counted-event")
            .Repartition(Repartitioned<string, CountedEvent>.As(CountsByKey).With(S.String, CountedEventSerde.Instance));
        counted
            .GroupByKey()
            .WindowedBy(windows)
            .Count(Materialized<string, long>.As(CountsStore).WithRetention(settings.Windows.Retention))
            .ToStream("counts-stream")
            .Map((windowed, count) => new KeyValuePair<byte[], byte[]>(WindowedCountJson.Key(windowed), WindowedCountJson.Value(windowed, count)), "to-counts-json")
            .To(topics.Counts, Produced<byte[], byte[]>.With(S.ByteArray, S.ByteArray).WithName("counts-sink"));
        var countStats = counted.Process(() => new CountStatsProcessor(reporting), "count-stats", CountStatsProcessor.StoreName);

        // Sub-topology 3: one merger for everything, on single-partition topics.
        ToMerger(refineStats, "reporting-refine")
            .Merge(ToMerger(dedupStats, "reporting-dedup"), "reporting-merge-dedup")
            .Merge(ToMerger(countStats, CountsReporting), "reporting-merge-counts")
            .Process(
                () => new ReportMergerProcessor(reporting, reporting.Metrics, context => context.UpstreamTaskCount(CountsReporting)),
                "report-merger",
                ReportMergerProcessor.StoreName);

        return builder.Build();
    }

    private static KStream<string, ReportingRecord> ToMerger(KStream<string, ReportingRecord> stats, string name) =>
        stats.Repartition(Repartitioned<string, ReportingRecord>.As(name).With(S.String, ReportingRecordSerde.Instance).WithNumberOfPartitions(1));
}
