using Aggregator.Activity;
using Aggregator.Topology.Reporting;

namespace Aggregator.Topology;

/// <summary>What the topology's processors talk to: the activity contract, metrics, and the reporting world.</summary>
internal sealed record ActivityTopologyServices(
    ActivityRefiner Refiner,
    CountKeyBuilder CountKeys,
    ActivityMetrics Metrics,
    StreamsMetrics Streams,
    ReportingSettings Reporting);
