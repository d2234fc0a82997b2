using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Aggregator.Streams.Kafka.Admin;

/// <summary>Topic admin over the Kafka protocol (metadata + CreateTopics).</summary>
public sealed class KafkaTopicAdmin(IAdminClient admin, short replicationFactor) : ITopicAdmin, IDisposable
{
    public IReadOnlyDictionary<string, int> GetPartitionCounts(IEnumerable<string> topics, TimeSpan timeout)
    {
        // Metadata for all topics: asking for named topics would auto-create them on clusters that allow it.
        var metadata = admin.GetMetadata(timeout);
        var wanted = topics.ToHashSet(StringComparer.Ordinal);
        return metadata.Topics
            .Where(t => wanted.Contains(t.Topic) && t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0)
            .ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
    }

    public async Task CreateTopicsAsync(IReadOnlyList<TopicSpec> topics, CancellationToken cancellationToken)
    {
        if (topics.Count == 0)
        {
            return;
        }

        try
        {
            await admin.CreateTopicsAsync(topics.Select(t => new TopicSpecification
            {
                Name = t.Name,
                NumPartitions = t.Partitions,
                ReplicationFactor = replicationFactor,
                Configs = t.Config.ToDictionary(c => c.Key, c => c.Value),
            }), new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(30) }).WaitAsync(cancellationToken);
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another instance created them first.
        }
    }

    public void Dispose() => admin.Dispose();
}
