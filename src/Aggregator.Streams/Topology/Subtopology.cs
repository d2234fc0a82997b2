using Aggregator.Streams.State;

namespace Aggregator.Streams.Topology;

/// <summary>
/// A connected part of the topology: its sources' partitions define its tasks. Sub-topologies connect
/// only through topics (repartition topics between them), never through in-memory calls.
/// </summary>
internal sealed class Subtopology(int id, IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<StoreBuilder> stores)
{
    public int Id { get; } = id;

    /// <summary>Nodes in topological order (parents first).</summary>
    public IReadOnlyList<NodeDefinition> Nodes { get; } = nodes;

    public IReadOnlyList<StoreBuilder> Stores { get; } = stores;

    public IEnumerable<SourceDefinition> Sources => Nodes.OfType<SourceDefinition>();

    public IEnumerable<SinkDefinition> Sinks => Nodes.OfType<SinkDefinition>();

    /// <summary>Source topics as (name, isRepartition); repartition names unprefixed.</summary>
    public IEnumerable<(string Topic, bool IsRepartition)> SourceTopics =>
        Sources.SelectMany(s => s.Topics.Select(t => (t, s.IsRepartition)));
}
