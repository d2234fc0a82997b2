using Confluent.Kafka;
using Aggregator.Privacy;
using Aggregator.Topology.Reporting;
using Aggregator.Serialization;
using Aggregator.Topology.Serdes;
using Aggregator.Topology.Factories;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Stream;
using Streamiz.Kafka.Net.Table;
using TopologyModel = Streamiz.Kafka.Net.Stream.Topology;

namespace Aggregator.Topology;

/// <summary>
/// The product's topology, built with Streamiz without I/O from its settings:
/// <code>
/// activity.raw ─ refine (validate, mask, enrich; opt-outs marked) ─┬─ rejected → activity.dlq
///                                                                  ├─ accepted, by user → [refined-by-user]
///                                                                  └─ stats → [reporting-refine]
/// [refined-by-user] ─ dedup by eventId ─┬─ unique → activity.refined
///                                        ├─ unique: lateness judged; on time summed per (count key, minute) → [counts-by-key]
///                                        └─ stats (duplicates; report partials, alarm windows, late drops) → [reporting-dedup], [reporting-counts]
/// [counts-by-key] ─ partial counts added into 5-min windows hopping by 1 min, in RocksDB → activity.counts
/// [reporting-*] (1 partition) ─ report merger: one summary per interval, alarms, Slack outbox
/// </code>
/// Re-keying by user before dedup brings every copy of an event to one task whatever partition the collector
/// chose; re-keying by count key brings every partial count of a key to the task that counts it (sums per commit
/// interval, not events: issue 15's pre-aggregation, <see cref="PreAggregator"/>); the single-partition
/// reporting topics bring every task's partials to one merger, so exactly one summary goes out per interval.
/// </summary>
internal static class ActivityTopology
{
    public const string CountsStore = "activity-counts";
    public const string RefinedByUser = "refined-by-user";
    public const string CountsByKey = "counts-by-key";
    public const string ReportingRefine = "reporting-refine";
    public const string ReportingDedup = "reporting-dedup";
    public const string ReportingCounts = "reporting-counts";

    public static TopologyModel Build(ActivityTopologySettings settings, ActivityTopologyServices services)
    {
        var (topics, reporting, metrics, streams, formats) = (settings.Topics, services.Reporting, services.Metrics, services.Streams, services.Formats);
        var windows = HoppingWindows.From(settings.Windows);
        var builder = new StreamBuilder();
        builder.AddGlobalStore(
            Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(OptOutCheck.StoreName), new StringSerDes(), OptOutSerDes.Instance).WithLoggingDisabled(),
            topics.OptOuts,
            Suppliers.Processor(() => new OptOutTableUpdater(streams)),
            new StringSerDes(),
            OptOutSerDes.Instance,
            named: "optouts-table");
        builder.AddStateStore(Stores.WindowStoreBuilder(
            Stores.PersistentWindowStore(DedupProcessor.StoreName, DedupProcessor.Retention(settings.Dedup.Window), DedupProcessor.Bucket),
            new StringSerDes(), RawOriginSerDes.Instance));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(SourceStreamTime.StoreName), new StringSerDes(), new Int64SerDes())
            .WithCachingEnabled());
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(PreAggregator.StoreName), new StringSerDes(), new Int64SerDes())
            .WithCachingEnabled());
        foreach (var store in new[] { RefineStatsProcessor.StoreName, DedupStatsProcessor.StoreName, CountStatsProcessor.StoreName, ReportMergerProcessor.StoreName })
        {
            builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(store), new StringSerDes(), new ByteArraySerDes()));
        }

        // Sub-topology 0: refine.
        var refined = builder.Stream(topics.Raw, new ByteArraySerDes(), new ByteArraySerDes(), "raw-source", new RawTimestampExtractor())
            .Transform(Suppliers.Transformer(() => new RefineProcessor(services.Refiner, formats.Raw, metrics, streams)), "refine");
        // Opted out first: an opted-out person's malformed record is dropped, not dead-lettered (issue 14).
        var outcomes = refined.Branch(
            "refine-",
            (_, outcome, _) => outcome.OptedOut,
            (_, outcome, _) => outcome.DeadLetter is not null,
            (_, _, _) => true);
        outcomes[1]
            .Transform(Suppliers.Transformer(() => new DeadLetterWriter()), "dead-letter")
            .To(topics.Dlq, new ByteArraySerDes(), new ByteArraySerDes(), "dlq-sink");
        var refineStats = refined.Transform(
            Suppliers.Transformer(() => new RefineStatsProcessor(reporting)), "refine-stats", RefineStatsProcessor.StoreName);

        // Sub-topology 1: dedup, refined output.
        var verdicts = outcomes[2]
            .TransformValues(
                Suppliers.Transformer(() => new SourceStreamTime(reporting.CountingPartitions)),
                "to-tracked-event",
                SourceStreamTime.StoreName)
            .Repartition(Repartitioned<string, TrackedEvent>.As(RefinedByUser).WithKeySerdes(new StringSerDes()).WithValueSerdes(TrackedEventSerDes.Instance)
                .WithStreamPartitioner((_, _, tracked, _, _) => tracked.IsMarker ? new Partition(tracked.Target) : Partition.Any))
            .TransformValues(Suppliers.Transformer(() => new DedupProcessor(metrics, streams, reporting.CountingPartitions)), "dedup", DedupProcessor.StoreName);
        var dedupStats = verdicts.Transform(
            Suppliers.Transformer(() => new DedupStatsProcessor(reporting)), "dedup-stats", DedupStatsProcessor.StoreName);
        var unique = verdicts.Filter((_, verdict, _) => verdict.Outcome == DedupOutcome.Unique, "unique");
        unique
            .MapValues((verdict, _) => verdict.Event!, "unique-event")
            .Peek((_, _, _) => metrics.RecordRefined(), "count-refined")
            .To(topics.Refined, formats.RefinedKey, formats.RefinedValue, "refined-sink");

        // Sub-topology 2: windowed counts of the partial counts the dedup stage sends; the statistics reports and alarms are
        // made of come from the same verdicts, in the dedup stage (the repartition carries sums, not events).
        var countStats = verdicts.Transform(
            Suppliers.Transformer(() => new CountStatsProcessor(reporting, services.CountKeys)), "count-stats", CountStatsProcessor.StoreName);
        verdicts
            .Transform(
                Suppliers.Transformer(() => new PreAggregator(windows, services.CountKeys, streams, reporting.Health, settings.PreAggregationInterval)),
                "pre-aggregate",
                PreAggregator.StoreName)
            .Repartition(Repartitioned<string, long>.As(CountsByKey)
                .WithKeySerdes(new StringSerDes()).WithValueSerdes(PartialCountSerDes.Instance))
            .TransformValues(Suppliers.Transformer(() => new CountingTask(streams)), "counting-task")
            .GroupByKey<StringSerDes, PartialCountSerDes>("group-by-count-key")
            .WindowedBy(HoppingWindowOptions.Of(settings.Windows.Size, settings.Windows.Advance, CountingGrace(settings.Windows)))
            .Aggregate(
                () => 0L,
                (_, partial, count) => count + partial,
                RocksDbWindows.As<string, long>(CountsStore)
                    .WithKeySerdes(new StringSerDes()).WithValueSerdes(new Int64SerDes())
                    .WithRetention(settings.Windows.Retention)
                    .WithCachingEnabled(),
                "window-count")
            .ToStream("counts-stream")
            .Map((windowed, count, _) => KeyValuePair.Create(windowed, new WindowedCount(windowed, count)), "to-count-record")
            .To(topics.Counts, formats.CountsKey, formats.CountsValue, "counts-sink");

        // Sub-topology 3: one merger for everything, on single-partition topics.
        ToMerger(refineStats, ReportingRefine)
            .Merge(ToMerger(dedupStats, ReportingDedup), "reporting-merge-dedup")
            .Merge(ToMerger(countStats, ReportingCounts), "reporting-merge-counts")
            .Process(Suppliers.Processor(() => new ReportMergerProcessor(reporting, reporting.Metrics, streams)), "report-merger", ReportMergerProcessor.StoreName);

        return builder.Build();
    }

    /// <summary>The internal topics of a built topology, named and sized as Streamiz expects them (see <see cref="Kafka.InternalTopics"/>).</summary>
    public static IReadOnlyDictionary<string, int> InternalTopics(TopologyModel topology, string applicationId, Func<string, int> sourcePartitions) =>
        Kafka.InternalTopics.Plan(topology.Describe(), applicationId, sourcePartitions, new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [ReportingRefine + "-repartition"] = 1,
            [ReportingDedup + "-repartition"] = 1,
            [ReportingCounts + "-repartition"] = 1,
        });

    /// <summary>
    /// The grace Streamiz's windowed count is given: as long as retention allows, not the configured grace. The
    /// pre-aggregation has already dropped what is late by its raw partition's stream time; Streamiz would judge again against the
    /// counting task's own in-memory stream time, which the repartition's interleaving of upstream tasks pushes minutes
    /// ahead, and silently drop on-time events (an undercount).
    /// </summary>
    internal static TimeSpan CountingGrace(Hosting.Options.WindowsOptions windows) =>
        windows.Retention - windows.Size > windows.Grace ? windows.Retention - windows.Size : windows.Grace;

    private static IKStream<string, ReportingRecord> ToMerger(IKStream<string, ReportingRecord> stats, string name) =>
        stats.Repartition(Repartitioned<string, ReportingRecord>.As(name)
            .WithKeySerdes(new StringSerDes()).WithValueSerdes(ReportingRecordSerDes.Instance).WithNumberOfPartitions(1));
}
