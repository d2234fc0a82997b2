using Aggregator.Streams.Kafka.Embedded;

namespace Aggregator.Streams.Kafka.Admin;

/// <summary>
/// Topic admin for an in-process embedded broker: the mock cluster does not implement CreateTopics over the
/// protocol, so topics are created through it directly. Topic configs (compaction) do not apply to it.
/// </summary>
public sealed class EmbeddedTopicAdmin(EmbeddedKafkaCluster cluster, ITopicAdmin metadata) : ITopicAdmin, IDisposable
{
    public IReadOnlyDictionary<string, int> GetPartitionCounts(IEnumerable<string> topics, TimeSpan timeout) =>
        metadata.GetPartitionCounts(topics, timeout);

    public Task CreateTopicsAsync(IReadOnlyList<TopicSpec> topics, CancellationToken cancellationToken)
    {
        foreach (var topic in topics)
        {
            cluster.CreateTopic(topic.Name, topic.Partitions);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => (metadata as IDisposable)?.Dispose();
}
