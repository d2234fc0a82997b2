using Aggregator.Activity;
using Aggregator.Hosting.Options;
using Aggregator.Topology;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting;

/// <summary>Builds the activity topology from the validated options (pure: no I/O).</summary>
internal sealed class ActivityTopologyFactory(
    IOptions<TopicsOptions> topics,
    IOptions<WindowsOptions> windows,
    IOptions<DedupOptions> dedup,
    ActivityRefiner refiner,
    CountKeyBuilder countKeys,
    ActivityMetrics metrics)
{
    public ActivityTopologySettings Settings => new(topics.Value, windows.Value, dedup.Value);

    public Streams.Topology.Topology Create() => ActivityTopology.Build(Settings, refiner, countKeys, metrics);
}
