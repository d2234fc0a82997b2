using System.Text;
using Aggregator.Streams.Runtime;

namespace Aggregator.Streams.Topology;

/// <summary>
/// Human-readable description of a topology, in the spirit of Kafka Streams' <c>Topology#describe()</c>:
/// sub-topologies with their sources, processors (and the stores they use), sinks, then global stores and
/// internal topics. Deterministic, so documentation generated from it can be checked in CI.
/// </summary>
public sealed class TopologyDescription
{
    private readonly Topology _topology;
    private readonly string _applicationId;

    internal TopologyDescription(Topology topology, string applicationId)
    {
        _topology = topology;
        _applicationId = applicationId;
    }

    public override string ToString() => ToText();

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine("Topologies:");
        foreach (var subtopology in _topology.Subtopologies)
        {
            text.AppendLine($"   Sub-topology: {subtopology.Id}");
            foreach (var node in subtopology.Nodes)
            {
                text.AppendLine($"    {Describe(node)}");
                if (node.Children.Count > 0)
                {
                    text.AppendLine($"      --> {string.Join(", ", node.Children.Select(c => c.Name))}");
                }

                if (node.Parents.Count > 0)
                {
                    text.AppendLine($"      <-- {string.Join(", ", node.Parents.Select(p => p.Name))}");
                }
            }

            text.AppendLine();
        }

        foreach (var global in _topology.GlobalStores)
        {
            text.AppendLine($"   Global store: {global.StoreName} (topic: {global.Topic})");
        }

        var internalTopics = _topology.InternalTopics(_applicationId);
        if (internalTopics.Count > 0)
        {
            text.AppendLine("   Internal topics:");
            foreach (var topic in internalTopics)
            {
                text.AppendLine($"    {topic.Kind}: {topic.Name} ({PartitionRule(topic)})");
            }
        }

        return text.ToString();
    }

    /// <summary>A mermaid flowchart: topics as stadium shapes, stores as cylinders, sub-topologies as boxes.</summary>
    public string ToMermaid()
    {
        var text = new StringBuilder();
        text.AppendLine("flowchart LR");
        var topicIds = new Dictionary<string, string>(StringComparer.Ordinal);
        string TopicId(string topic)
        {
            if (!topicIds.TryGetValue(topic, out var id))
            {
                id = $"t{topicIds.Count}";
                topicIds[topic] = id;
            }

            return id;
        }

        foreach (var subtopology in _topology.Subtopologies)
        {
            text.AppendLine($"  subgraph st{subtopology.Id}[\"Sub-topology {subtopology.Id}\"]");
            foreach (var node in subtopology.Nodes)
            {
                text.AppendLine($"    {NodeId(node)}[\"{node.Name}\"]");
            }

            foreach (var store in subtopology.Stores)
            {
                text.AppendLine($"    {StoreId(store.Name)}[(\"{store.Name}\")]");
            }

            text.AppendLine("  end");
        }

        foreach (var subtopology in _topology.Subtopologies)
        {
            foreach (var node in subtopology.Nodes)
            {
                if (node is SourceDefinition source)
                {
                    foreach (var topic in source.Topics)
                    {
                        text.AppendLine($"  {TopicId(Name(topic, source.IsRepartition))} --> {NodeId(node)}");
                    }
                }

                foreach (var child in node.Children)
                {
                    text.AppendLine($"  {NodeId(node)} --> {NodeId(child)}");
                }

                foreach (var store in node.StoreNames)
                {
                    text.AppendLine($"  {NodeId(node)} -.- {StoreId(store)}");
                }

                if (node is SinkDefinition sink)
                {
                    text.AppendLine($"  {NodeId(node)} --> {TopicId(Name(sink.Topic, sink.IsRepartition))}");
                }
            }
        }

        foreach (var global in _topology.GlobalStores)
        {
            text.AppendLine($"  {TopicId(global.Topic)} --> {StoreId(global.StoreName)}[(\"{global.StoreName} (global)\")]");
        }

        foreach (var (topic, id) in topicIds)
        {
            text.AppendLine($"  {id}([\"{topic}\"])");
        }

        return text.ToString();
    }

    private string Describe(NodeDefinition node) => node switch
    {
        SourceDefinition source => $"Source: {node.Name} (topics: [{string.Join(", ", source.Topics.Select(t => Name(t, source.IsRepartition)))}])",
        SinkDefinition sink => $"Sink: {node.Name} (topic: {Name(sink.Topic, sink.IsRepartition)})",
        _ => $"Processor: {node.Name} (stores: [{string.Join(", ", node.StoreNames)}])",
    };

    private string Name(string topic, bool isRepartition) => isRepartition ? InternalTopicNames.Resolve(_applicationId, topic) : topic;

    private static string PartitionRule(InternalTopic topic) => topic.ExplicitPartitions is { } count
        ? $"{count} partition{(count == 1 ? string.Empty : "s")}, written by sub-topology {topic.WriterSubtopology}, read by {topic.ReaderSubtopology}"
        : topic.Kind == InternalTopicKind.Changelog
            ? $"one partition per task of sub-topology {topic.WriterSubtopology}; store {topic.Store!.Name}: {topic.Store.Kind}, {topic.Store.Type}"
            : $"as many partitions as the sources of sub-topology {topic.WriterSubtopology}, read by {topic.ReaderSubtopology}";

    private static string NodeId(NodeDefinition node) => "n_" + Sanitize(node.Name);

    private static string StoreId(string store) => "s_" + Sanitize(store);

    private static string Sanitize(string name) => new(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
