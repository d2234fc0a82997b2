using Aggregator.Kafka;
using Confluent.Kafka;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// The embedded broker every measurement runs on (the app's own <see cref="EmbeddedKafkaCluster"/>: librdkafka's mock
/// cluster hosted in this process, real Kafka protocol on 127.0.0.1), with cheap broker-side probes (watermarks) that need
/// no consuming.
/// </summary>
internal sealed class BenchBroker : IDisposable
{
    /// <summary>
    /// fetch.wait.max.ms of the bench's readers: the mock cluster does not answer a waiting fetch early when a record
    /// arrives, so a reader with librdkafka's default (500 ms) would add up to half a second to every latency it times.
    /// </summary>
    public const int ReaderFetchWaitMaxMs = 5;

    /// <summary>linger.ms of <see cref="CreatePromptProducer"/>.</summary>
    public const int PromptLingerMs = 1;

    private readonly IConsumer<byte[], byte[]> _probe;

    private BenchBroker(EmbeddedKafkaCluster cluster)
    {
        Cluster = cluster;
        _probe = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "bench-probe" })
            .SetLogHandler((_, _) => { })
            .Build();
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    public static BenchBroker Start() => new(EmbeddedKafkaCluster.Start(1));

    public int Partitions(string topic) => Cluster.Topics.TryGetValue(topic, out var count) ? count : throw new InvalidOperationException($"unknown topic {topic}");

    public IEnumerable<TopicPartition> PartitionsOf(string topic) => Enumerable.Range(0, Partitions(topic)).Select(p => new TopicPartition(topic, p));

    /// <summary>Sum over partitions of the log end offset: records ever appended.</summary>
    public long HighWatermarks(string topic) => PartitionsOf(topic).Sum(tp => _probe.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);

    /// <summary>Sum over partitions of the log start offset: records the broker already dropped (it keeps ~5 MB per partition).</summary>
    public long LowWatermarks(string topic) => PartitionsOf(topic).Sum(tp => _probe.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).Low.Value);

    /// <summary>Producer like a collector's: batched, lz4-compressed (more of the data fits the broker's ~5 MB per partition), acks=1.</summary>
    public IProducer<byte[]?, byte[]> CreateInputProducer() =>
        new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            LingerMs = 20,
            Acks = Acks.Leader,
            CompressionType = CompressionType.Lz4,
            BatchSize = 1 << 20,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 1 << 20,
            Partitioner = Partitioner.Murmur2Random,
            DeliveryReportFields = "none",
        }).Build();

    /// <summary>
    /// Producer for latency at a steady rate: a record leaves within ~1 ms of being handed over (linger.ms 1, not the
    /// collector's 20 ms), so the producer adds next to nothing to produce → refined; lz4 and acks=1 as the collector's.
    /// </summary>
    public IProducer<byte[]?, byte[]> CreatePromptProducer() =>
        new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            LingerMs = PromptLingerMs,
            Acks = Acks.Leader,
            CompressionType = CompressionType.Lz4,
            Partitioner = Partitioner.Murmur2Random,
            DeliveryReportFields = "none",
        }).Build();

    /// <summary>A reader assigned every partition of <paramref name="topic"/> from the beginning (no group join).</summary>
    public IConsumer<byte[], byte[]> CreateReader(string topic)
    {
        var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = "bench-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = false,
            FetchWaitMaxMs = ReaderFetchWaitMaxMs,
        }).SetLogHandler((_, _) => { }).Build();
        consumer.Assign(PartitionsOf(topic).Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        return consumer;
    }

    public void Dispose()
    {
        _probe.Dispose();
        Cluster.Dispose();
    }
}
