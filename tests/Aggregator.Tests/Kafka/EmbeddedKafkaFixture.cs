using Aggregator.Kafka;
using Confluent.Kafka;

namespace Aggregator.Tests.Kafka;

/// <summary>One in-process broker for all generator tests that need Kafka; each test uses its own topics.</summary>
public sealed class EmbeddedKafkaFixture : IDisposable
{
    public const int Partitions = 4;

    public EmbeddedKafkaFixture() => Cluster = EmbeddedKafkaCluster.Start(1);

    internal EmbeddedKafkaCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>A new topic with a unique name, so tests never see each other's records.</summary>
    public string NewTopic(string prefix)
    {
        var topic = prefix + "." + Guid.NewGuid().ToString("N");
        Cluster.CreateTopic(topic, Partitions);
        return topic;
    }

    /// <summary>Reads a topic from the beginning until <paramref name="expected"/> records arrived or the timeout passed.</summary>
    public List<ConsumeResult<byte[]?, byte[]>> ConsumeAll(string topic, int expected, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = "test-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[]?, byte[]>>(expected);
        var deadline = DateTime.UtcNow + timeout;
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
            {
                records.Add(result);
            }
        }

        // A little longer, to catch records beyond the expected count.
        while (consumer.Consume(TimeSpan.FromMilliseconds(300)) is { } extra)
        {
            records.Add(extra);
        }

        consumer.Close();
        return records;
    }

    public void Dispose() => Cluster.Dispose();
}

/// <summary>
/// Kafka tests share the broker and run alone (not beside the CPU-heavy generator tests), so the
/// throughput and pacing measurements are not distorted by the rest of the suite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmbeddedKafkaCollection : ICollectionFixture<EmbeddedKafkaFixture>
{
    public const string Name = "Embedded Kafka (generator)";
}
