using System.Text;
using Streamiz.Kafka.Net.Stream;

namespace Aggregator.Topology;

/// <summary>
/// A Mermaid flowchart of a Streamiz topology description: one subgraph per sub-topology, topics as stadiums, stores as
/// cylinders. Internal topics get the application-id prefix Streamiz gives them on the cluster (its description leaves it out).
/// </summary>
internal static class TopologyMermaid
{
    public static string Render(ITopologyDescription description, string applicationId)
    {
        var text = new StringBuilder("flowchart LR\n");
        var topics = new List<string>();
        var edges = new List<string>();
        foreach (var sub in description.SubTopologies.OrderBy(s => s.Id))
        {
            text.Append($"  subgraph st{sub.Id}[\"Sub-topology {sub.Id}\"]\n");
            foreach (var node in sub.Nodes)
            {
                text.Append($"    {Id(node.Name)}[\"{node.Name}\"]\n");
                edges.AddRange(node.Next.Select(next => $"  {Id(node.Name)} --> {Id(next.Name)}"));
                switch (node)
                {
                    case ISourceNodeDescription source:
                        edges.AddRange(source.Topics.Select(topic => $"  {Topic(topics, TopicName(topic, applicationId))} --> {Id(node.Name)}"));
                        break;
                    case ISinkNodeDescription sink:
                        edges.Add($"  {Id(node.Name)} --> {Topic(topics, TopicName(sink.Topic, applicationId))}");
                        break;
                    case IProcessorNodeDescription processor:
                        edges.AddRange(processor.Stores.Select(store => $"  {Id(node.Name)} -.- s_{Id(store)}[(\"{store}\")]"));
                        break;
                }
            }

            text.Append("  end\n");
        }

        foreach (var global in description.GlobalStores)
        {
            foreach (var topic in global.Source.Topics)
            {
                var store = global.Processor.Stores.FirstOrDefault() ?? global.Processor.Name;
                edges.Add($"  {Topic(topics, topic)} --> s_{Id(store)}[(\"{store} (global)\")]");
            }
        }

        foreach (var edge in edges)
        {
            text.Append(edge).Append('\n');
        }

        for (var i = 0; i < topics.Count; i++)
        {
            text.Append($"  t{i}([\"{topics[i]}\"])\n");
        }

        return text.ToString();
    }

    public static string TopicName(string topic, string applicationId) =>
        Kafka.InternalTopics.IsRepartition(topic) ? $"{applicationId}-{topic}" : topic;

    private static string Topic(List<string> topics, string name)
    {
        var index = topics.IndexOf(name);
        if (index < 0)
        {
            topics.Add(name);
            index = topics.Count - 1;
        }

        return $"t{index}";
    }

    private static string Id(string name) => "n_" + new string([.. name.Select(c => char.IsLetterOrDigit(c) ? c : '_')]);
}
