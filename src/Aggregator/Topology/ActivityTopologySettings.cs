using Aggregator.Hosting.Options;

namespace Aggregator.Topology;

/// <summary>Everything the activity topology's shape depends on; a plain value so the topology is a pure function of it.</summary>
internal sealed record ActivityTopologySettings(TopicsOptions Topics, WindowsOptions Windows, DedupOptions Dedup)
{
    public static ActivityTopologySettings Default { get; } = new(new TopicsOptions(), new WindowsOptions(), new DedupOptions());

    /// <summary>
    /// How often the dedup stage sends its partial counts (<see cref="PreAggregator"/>): <c>Streams:CommitInterval</c>, the
    /// pace at which the count store's cache sends counts on anyway.
    /// </summary>
    public TimeSpan PreAggregationInterval { get; init; } = TimeSpan.FromSeconds(1);
}
