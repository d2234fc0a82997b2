using Aggregator.Streams.Runtime.Nodes;

namespace Aggregator.Streams.Topology;

/// <summary>A node of the logical topology; <see cref="Create"/> makes its per-task instance.</summary>
internal abstract class NodeDefinition(string name, Func<ProcessorNode> factory)
{
    public string Name { get; } = name;

    public List<NodeDefinition> Parents { get; } = [];

    public List<NodeDefinition> Children { get; } = [];

    public List<string> StoreNames { get; } = [];

    /// <summary>Creation order; parents always precede children, so it is a topological order.</summary>
    public int Order { get; init; }

    public ProcessorNode Create() => factory();
}

internal sealed class SourceDefinition(string name, IReadOnlyList<string> topics, bool isRepartition, Func<ProcessorNode> factory)
    : NodeDefinition(name, factory)
{
    /// <summary>Topic names; repartition topics unprefixed (the application id is added at run time).</summary>
    public IReadOnlyList<string> Topics { get; } = topics;

    public bool IsRepartition { get; } = isRepartition;
}

internal sealed class ProcessorDefinition(string name, Func<ProcessorNode> factory) : NodeDefinition(name, factory);

internal sealed class SinkDefinition(string name, string topic, bool isRepartition, int? partitions, Func<ProcessorNode> factory)
    : NodeDefinition(name, factory)
{
    public string Topic { get; } = topic;

    public bool IsRepartition { get; } = isRepartition;

    /// <summary>Explicit partition count of a repartition topic; null = that of the writing sub-topology's sources.</summary>
    public int? Partitions { get; } = partitions;
}
