namespace Aggregator.Streams.Kafka.Admin;

/// <summary>
/// Topic inspection and creation. On a real cluster through the Kafka admin API; on the embedded broker
/// (whose protocol lacks CreateTopics) through the mock cluster directly.
/// </summary>
public interface ITopicAdmin
{
    /// <summary>Partition counts of the existing topics among <paramref name="topics"/>; missing ones are absent.</summary>
    IReadOnlyDictionary<string, int> GetPartitionCounts(IEnumerable<string> topics, TimeSpan timeout);

    /// <summary>Creates topics that do not exist yet.</summary>
    Task CreateTopicsAsync(IReadOnlyList<TopicSpec> topics, CancellationToken cancellationToken);
}

/// <summary>A topic to create: partitions and topic-level configuration (cleanup.policy, retention.ms...).</summary>
public sealed record TopicSpec(string Name, int Partitions, IReadOnlyDictionary<string, string> Config);
