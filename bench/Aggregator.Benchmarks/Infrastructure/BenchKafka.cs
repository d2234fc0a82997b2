using Aggregator.Streams.Kafka.Admin;
using Aggregator.Streams.Kafka.Embedded;
using Confluent.Kafka;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// The embedded broker every measurement runs on, with unique topic names per run and cheap broker-side
/// progress probes (high watermarks, committed offsets) that need no consuming.
/// </summary>
internal sealed class BenchKafka : IDisposable
{
    private static int _sequence;
    private readonly IConsumer<byte[], byte[]> _probe;
    private readonly List<IDisposable> _admins = [];

    private BenchKafka(EmbeddedKafkaCluster cluster)
    {
        Cluster = cluster;
        _probe = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "bench-probe" }).Build();
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    public static BenchKafka Start(int brokers = 1) => new(EmbeddedKafkaCluster.Start(brokers));

    public static string UniqueName(string prefix) => $"{prefix}{Interlocked.Increment(ref _sequence)}";

    public string CreateTopic(string prefix, int partitions)
    {
        var name = UniqueName(prefix);
        Cluster.CreateTopic(name, partitions);
        return name;
    }

    public int Partitions(string topic) => Cluster.Topics.TryGetValue(topic, out var count) ? count : throw new InvalidOperationException($"unknown topic {topic}");

    public IEnumerable<TopicPartition> PartitionsOf(string topic) => Enumerable.Range(0, Partitions(topic)).Select(p => new TopicPartition(topic, p));

    /// <summary>Sum over partitions of the log end offset: records ever appended.</summary>
    public long HighWatermarks(string topic) => PartitionsOf(topic).Sum(tp => _probe.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);

    /// <summary>Log end offset of every partition of <paramref name="topics"/>, now.</summary>
    public Dictionary<TopicPartition, long> LogEnds(IEnumerable<string> topics) =>
        topics.SelectMany(PartitionsOf).ToDictionary(tp => tp, tp => _probe.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);

    /// <summary>Sum over partitions of the log start offset: records the broker already dropped.</summary>
    public long LowWatermarks(string topic) => PartitionsOf(topic).Sum(tp => _probe.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).Low.Value);

    /// <summary>Topics whose name starts with <paramref name="prefix"/> (the application's internal topics).</summary>
    public IReadOnlyList<string> TopicsStartingWith(string prefix) => Cluster.Topics.Keys.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    /// <summary>Producer like a collector's: batched, compressed, acks=1 (the broker keeps ~5 MB per partition, so compression lets more data fit).</summary>
    public IProducer<byte[]?, byte[]> CreateInputProducer(int lingerMs = 5) =>
        new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            LingerMs = lingerMs,
            Acks = Acks.Leader,
            CompressionType = CompressionType.Lz4,
            BatchSize = 1 << 20,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 1 << 20,
            Partitioner = Partitioner.Murmur2Random,
            DeliveryReportFields = "none",
        }).Build();

    public IConsumer<byte[], byte[]> CreateReader(string groupId, bool fromBeginning = true) =>
        new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = groupId,
            AutoOffsetReset = fromBeginning ? AutoOffsetReset.Earliest : AutoOffsetReset.Latest,
            EnableAutoCommit = false,
            EnablePartitionEof = false,
            FetchWaitMaxMs = 5,
        }).Build();

    /// <summary>A committed-offset probe for a consumer group (never joins it).</summary>
    public CommittedProbe CommittedOffsets(string groupId) => new(this, groupId);

    /// <summary>
    /// Topic administration for a streams instance. KafkaStreams does not own an admin it is given, so they are
    /// disposed here, before the cluster: an admin client that outlives its broker floods stderr with connection errors.
    /// </summary>
    public EmbeddedTopicAdmin TopicAdmin()
    {
        var admin = new EmbeddedTopicAdmin(Cluster, new KafkaTopicAdmin(new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build(), -1));
        lock (_admins)
        {
            _admins.Add(admin);
        }

        return admin;
    }

    public void Dispose()
    {
        lock (_admins)
        {
            _admins.ForEach(admin => admin.Dispose());
        }

        _probe.Dispose();
        Cluster.Dispose();
    }

    internal sealed class CommittedProbe(BenchKafka kafka, string groupId) : IDisposable
    {
        private readonly IConsumer<byte[], byte[]> _consumer = kafka.CreateReader(groupId);

        /// <summary>
        /// True when the group has committed every partition up to <paramref name="targets"/> (log ends noted once all
        /// data was in: the runtime keeps appending watermark and commit-marker records, so the live log end moves on).
        /// </summary>
        public bool CaughtUp(IReadOnlyDictionary<TopicPartition, long> targets)
        {
            var committed = _consumer.Committed(targets.Keys, TimeSpan.FromSeconds(10));
            return committed.All(c => c.Offset.Value >= targets[c.TopicPartition]);
        }

        public void Dispose() => _consumer.Dispose();
    }
}
