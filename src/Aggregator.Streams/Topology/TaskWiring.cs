using Aggregator.Streams.Runtime;

namespace Aggregator.Streams.Topology;

/// <summary>
/// Per sub-topology facts a task needs about its neighbours: which upstream sub-topology (and how many of its
/// tasks) writes each repartition topic it reads — whose watermarks it waits for — and which repartition topics
/// it writes, with their partition counts — where it sends heartbeats.
/// </summary>
internal sealed class TaskWiring
{
    private readonly Dictionary<int, Dictionary<string, (int Subtopology, int Tasks)>> _writers = [];
    private readonly Dictionary<int, Dictionary<string, int>> _targets = [];

    public TaskWiring(Topology topology, string applicationId, PartitionPlan plan)
    {
        foreach (var subtopology in topology.Subtopologies)
        {
            _writers[subtopology.Id] = [];
            _targets[subtopology.Id] = [];
        }

        foreach (var topic in topology.InternalTopics(applicationId).Where(t => t.Kind == InternalTopicKind.Repartition))
        {
            _writers[topic.ReaderSubtopology][topic.Name] = (topic.WriterSubtopology, plan.TasksPerSubtopology[topic.WriterSubtopology]);
            _targets[topic.WriterSubtopology][topic.Name] = plan.InternalTopicPartitions[topic.Name];
        }
    }

    /// <summary>Resolved repartition topic → (writer sub-topology, its task count), for topics the sub-topology reads.</summary>
    public IReadOnlyDictionary<string, (int Subtopology, int Tasks)> UpstreamWriters(int subtopology) => _writers[subtopology];

    /// <summary>Resolved repartition topic → partition count, for topics the sub-topology writes.</summary>
    public IReadOnlyDictionary<string, int> RepartitionTargets(int subtopology) => _targets[subtopology];

    /// <summary>Wiring for the test driver: every topic has one partition.</summary>
    public static TaskWiring SinglePartition(Topology topology, string applicationId) =>
        new(topology, applicationId, new PartitionPlan(
            topology.Subtopologies.ToDictionary(s => s.Id, _ => 1),
            topology.InternalTopics(applicationId).ToDictionary(t => t.Name, _ => 1)));

    public static string Resolve(string applicationId, string topic) => InternalTopicNames.Resolve(applicationId, topic);
}
