using Aggregator.Kafka;
using Confluent.Kafka;

namespace Aggregator.IntegrationTests.Infrastructure;

/// <summary>
/// One embedded Kafka cluster (librdkafka's mock brokers, real protocol on 127.0.0.1) shared by a test
/// collection. Tests use GUID-named topics and application ids, so they never see each other's data.
/// </summary>
public sealed class EmbeddedKafkaFixture : IDisposable
{
    public EmbeddedKafkaFixture()
        : this(1)
    {
    }

    private EmbeddedKafkaFixture(int brokers) => Cluster = EmbeddedKafkaCluster.Start(brokers);

    internal EmbeddedKafkaCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>A cluster of its own, for a test that takes brokers down.</summary>
    public static EmbeddedKafkaFixture WithBrokers(int brokers) => new(brokers);

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public string CreateTopic(string prefix, int partitions)
    {
        var name = UniqueName(prefix);
        Cluster.CreateTopic(name, partitions);
        return name;
    }

    public IProducer<byte[], byte[]> CreateProducer() =>
        new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            LingerMs = 5,
            Acks = Acks.All,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();

    /// <summary>Reads a topic from the beginning up to its end as it is now (every partition's high watermark).</summary>
    public List<ConsumeResult<byte[], byte[]>> ReadToEnd(string topic, TimeSpan timeout)
    {
        using var probe = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = UniqueName("probe") }).Build();
        var partitions = Cluster.Topics.TryGetValue(topic, out var count) ? count : 4;
        var ends = Enumerable.Range(0, partitions).Select(p => probe.QueryWatermarkOffsets(new TopicPartition(topic, p), timeout).High.Value).ToArray();
        var total = ends.Sum();
        return ReadAll(topic, records => records.Count >= total, timeout);
    }

    /// <summary>Reads a topic from the beginning until <paramref name="until"/> holds or the timeout passes.</summary>
    public List<ConsumeResult<byte[], byte[]>> ReadAll(string topic, Func<IReadOnlyList<ConsumeResult<byte[], byte[]>>, bool> until, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = UniqueName("reader"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        var partitions = Cluster.Topics.TryGetValue(topic, out var count) ? count : 4;
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is not null && !result.IsPartitionEOF)
            {
                records.Add(result);
                continue;
            }

            if (until(records))
            {
                return records;
            }
        }

        return records;
    }

    public void Dispose() => Cluster.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EmbeddedKafkaCollection : ICollectionFixture<EmbeddedKafkaFixture>
{
    public const string Name = "embedded kafka";
}
