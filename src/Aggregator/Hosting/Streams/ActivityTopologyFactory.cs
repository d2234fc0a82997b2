using Aggregator.Activity;
using Aggregator.Alarms;
using Aggregator.Hosting.Health;
using Aggregator.Hosting.Options;
using Aggregator.Hosting.Outbox;
using Aggregator.Reports;
using Aggregator.Topology;
using Aggregator.Topology.Reporting;
using Microsoft.Extensions.Options;
using TopologyModel = Streamiz.Kafka.Net.Stream.Topology;

namespace Aggregator.Hosting.Streams;

/// <summary>Builds the activity topology from the validated options and the services reporting talks to (no I/O).</summary>
internal sealed class ActivityTopologyFactory(
    IOptions<TopicsOptions> topics,
    IOptions<WindowsOptions> windows,
    IOptions<DedupOptions> dedup,
    IOptions<ReportOptions> reports,
    IOptions<SummaryOptions> summary,
    IOptions<AlarmOptions> alarms,
    IOptions<CountingOptions> counting,
    ActivityRefiner refiner,
    CountKeyBuilder countKeys,
    ActivityMetrics metrics,
    StreamsMetrics streams,
    ReportingMetrics reportingMetrics,
    SlackOutboxDispatcher outbox,
    PipelineHealth health,
    TimeProvider time,
    Serialization.TopicFormatsSource formats,
    IOptions<StreamsOptions> streamsOptions)
{
    public ActivityTopologySettings Settings => new(topics.Value, windows.Value, dedup.Value) { PreAggregationInterval = streamsOptions.Value.CommitInterval };

    /// <summary>The topology for a raw topic of <paramref name="rawPartitions"/> partitions (one counting task each).</summary>
    public TopologyModel Create(int rawPartitions)
    {
        var window = windows.Value;
        var reporting = new ReportingSettings(
            reports.Value.Interval,
            HoppingWindows.From(window),
            AlarmRuleSet.Compile(alarms.Value, CountKeyLayout.From(countKeys.Dimensions), window.Advance),
            summary.Value,
            reports.Value.MaxTrackedPages,
            reports.Value.SilenceAfter,
            outbox,
            health,
            time,
            reportingMetrics,
            rawPartitions) { MaxCatchUp = reports.Value.MaxCatchUp };
        _ = counting.Value; // validated at start-up; the key builder already applies it
        return ActivityTopology.Build(Settings, new ActivityTopologyServices(refiner, countKeys, metrics, streams, reporting, formats.Value));
    }

    /// <summary>The internal topics this topology needs, sized for the cluster's source topics.</summary>
    public IReadOnlyDictionary<string, int> InternalTopics(string applicationId, Func<string, int> sourcePartitions) =>
        ActivityTopology.InternalTopics(Create(sourcePartitions(topics.Value.Raw)), applicationId, sourcePartitions);
}
