using Streamiz.Kafka.Net.Stream;

namespace Aggregator.Kafka;

/// <summary>
/// The internal topics a Streamiz topology needs, named and sized as Streamiz expects them: repartition topics
/// <c>&lt;applicationId&gt;-&lt;name&gt;-repartition</c> and store changelogs <c>&lt;applicationId&gt;-&lt;store&gt;-changelog</c>,
/// each with as many partitions as the tasks that read or own them. Real clusters get them from Streamiz through the
/// admin API; the embedded broker cannot create topics over the protocol, so it creates these itself.
/// </summary>
internal static class InternalTopics
{
    /// <summary>
    /// Plans the internal topics from the topology's own description. <paramref name="sourcePartitions"/> gives the
    /// partition count of each external source topic; <paramref name="fixedPartitions"/> the repartition topics
    /// declared with their own count (by their name in the description, e.g. "reporting-counts-repartition").
    /// </summary>
    public static IReadOnlyDictionary<string, int> Plan(
        ITopologyDescription description, string applicationId, Func<string, int> sourcePartitions, IReadOnlyDictionary<string, int> fixedPartitions)
    {
        var subTopologies = description.SubTopologies.OrderBy(s => s.Id).ToList();
        var repartition = new Dictionary<string, int>(StringComparer.Ordinal);
        var tasks = new Dictionary<int, int>();

        // A sub-topology has as many tasks as its widest source; a repartition topic as many partitions as its writer's
        // tasks unless declared. Sub-topologies are numbered in dependency order, so one pass in order settles both.
        foreach (var sub in subTopologies)
        {
            var width = 0;
            foreach (var source in sub.Nodes.OfType<ISourceNodeDescription>())
            {
                foreach (var topic in source.Topics)
                {
                    width = Math.Max(width, repartition.TryGetValue(topic, out var count) ? count : sourcePartitions(topic));
                }
            }

            tasks[sub.Id] = width;
            foreach (var sink in sub.Nodes.OfType<ISinkNodeDescription>().Where(s => IsRepartition(s.Topic)))
            {
                repartition[sink.Topic] = fixedPartitions.TryGetValue(sink.Topic, out var declared) ? declared : width;
            }
        }

        var plan = repartition.ToDictionary(t => $"{applicationId}-{t.Key}", t => t.Value, StringComparer.Ordinal);
        foreach (var sub in subTopologies)
        {
            foreach (var store in sub.Nodes.OfType<IProcessorNodeDescription>().SelectMany(p => p.Stores).Distinct(StringComparer.Ordinal))
            {
                plan[Changelog(applicationId, store)] = tasks[sub.Id];
            }
        }

        return plan;
    }

    public static string Changelog(string applicationId, string store) => $"{applicationId}-{store}-changelog";

    public static bool IsRepartition(string topic) => topic.EndsWith("-repartition", StringComparison.Ordinal);
}
