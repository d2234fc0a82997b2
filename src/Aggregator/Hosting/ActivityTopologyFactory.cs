using Aggregator.Activity;
using Aggregator.Alarms;
using Aggregator.Hosting.Options;
using Aggregator.Reports;
using Aggregator.Streams.Dsl;
using Aggregator.Topology;
using Aggregator.Topology.Reporting;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting;

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
    ReportingMetrics reportingMetrics,
    SlackOutboxDispatcher outbox,
    PipelineHealth health,
    TimeProvider time)
{
    public ActivityTopologySettings Settings => new(topics.Value, windows.Value, dedup.Value);

    public Streams.Topology.Topology Create()
    {
        var window = windows.Value;
        var reporting = new ReportingSettings(
            reports.Value.Interval,
            TimeWindows.OfSizeAndGrace(window.Size, window.Grace).AdvanceBy(window.Advance),
            AlarmRuleSet.Compile(alarms.Value, CountKeyLayout.From(countKeys.Dimensions), window.Advance),
            summary.Value,
            reports.Value.MaxTrackedPages,
            reports.Value.SilenceAfter,
            outbox,
            health,
            time,
            reportingMetrics) { MaxCatchUp = reports.Value.MaxCatchUp };
        _ = counting.Value; // validated at start-up; the key builder already applies it
        return ActivityTopology.Build(Settings, refiner, countKeys, metrics, reporting);
    }
}
