using Aggregator.Activity;
using Aggregator.Serialization;
using Aggregator.Topology.Reporting;

namespace Aggregator.Topology;

/// <summary>
/// What the topology's processors talk to: the activity contract, metrics, the reporting world, and the formats of the
/// raw, refined and counts topics (<see cref="TopicFormats.Json"/> unless <c>Serialization:Format</c> says avro).
/// </summary>
internal sealed record ActivityTopologyServices(
    ActivityRefiner Refiner,
    CountKeyBuilder CountKeys,
    ActivityMetrics Metrics,
    StreamsMetrics Streams,
    ReportingSettings Reporting,
    TopicFormats? Formats = null)
{
    public TopicFormats Formats { get; init; } = Formats ?? TopicFormats.Json;
}
