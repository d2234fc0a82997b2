using Aggregator.Activity;
using Aggregator.Hosting.Options;
using Aggregator.Topology;
using Aggregator.Topology.Reporting;
using TopologyModel = Streamiz.Kafka.Net.Stream.Topology;

namespace Aggregator.Tests.Topology;

/// <summary>The product topology with default settings, built only to be described (no driver, nothing delivered).</summary>
internal sealed class TopologyUnderTest : IDisposable
{
    private readonly ActivityMetrics _metrics = new();
    private readonly StreamsMetrics _streams = new();

    public TopologyUnderTest()
    {
        var settings = ActivityTopologySettings.Default;
        Topology = ActivityTopology.Build(settings, new ActivityTopologyServices(
            ActivityRefiner.Create(), CountKeyBuilder.For(CountDimension.Type, CountDimension.Path), _metrics, _streams,
            ReportingSettings.Defaults(new WindowsOptions())));
    }

    public TopologyModel Topology { get; }

    public void Dispose()
    {
        _metrics.Dispose();
        _streams.Dispose();
    }
}
