using Aggregator.Activity;
using Aggregator.Topology.Reporting;

namespace Aggregator.Topology;

/// <summary>What the topology's processors talk to: the activity contract, metrics, and the reporting world.</summary>
internal sealed record ActivityTopologyServices(
    ActivityRefiner Refiner,
    CountKeyBuilder CountKeys,
    ActivityMetrics Metrics,
    StreamsMetrics Streams,
    ReportingSettings Reporting)
{
    /// <summary>How long a raw partition without records may hold the others' progress back (Streams:InputIdleTimeout).</summary>
    public TimeSpan InputIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
