using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Aggregator.Kafka;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock cluster, speaking the real Kafka protocol on
/// 127.0.0.1 ephemeral ports, so any Kafka client (other processes, kcat) can use it.
/// </summary>
/// <remarks>
/// Limits to design around (librdkafka 2.15): no CreateTopics/DeleteTopics/AlterConfigs over the protocol
/// (use <see cref="CreateTopic"/>), topics auto-created by clients get 4 partitions, no log compaction,
/// transactions are accepted but not real, and each partition keeps only ~5 MB / 100k message sets in memory
/// (older data is dropped silently). It lives in memory and dies with the process.
/// </remarks>
internal sealed class EmbeddedKafkaCluster : IDisposable
{
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;
    private readonly ConcurrentDictionary<string, int> _topics = new(StringComparer.Ordinal);
    private int _disposed;

    private EmbeddedKafkaCluster(IntPtr handle, IntPtr cluster, int brokerCount)
    {
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(MockClusterInterop.ClusterBootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster returned no bootstrap address.");
    }

    /// <summary>Comma-separated host:port list of the brokers.</summary>
    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    /// <summary>Topics created through <see cref="CreateTopic"/> (including <see cref="EmbeddedBrokerMarker.Topic"/>), with their partition counts.</summary>
    public IReadOnlyDictionary<string, int> Topics => _topics;

    /// <summary>Starts a cluster of <paramref name="brokerCount"/> brokers (ids 1..N).</summary>
    public static EmbeddedKafkaCluster Start(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerCount, 16);
        BundledLibrdkafka.EnsureLoaded();

        var errstr = new byte[512];
        var conf = MockClusterInterop.ConfNew();
        // The mock cluster needs a client handle to live in; it never connects anywhere itself.
        SetOrThrow(conf, "bootstrap.servers", string.Empty, errstr);
        // The host handle never connects anywhere: its complaints (e.g. "brokers are down" at shutdown) are noise.
        SetOrThrow(conf, "log_level", "0", errstr);
        var rk = MockClusterInterop.KafkaNew(MockClusterInterop.ProducerType, conf, errstr, (nuint)errstr.Length);
        if (rk == IntPtr.Zero)
        {
            MockClusterInterop.ConfDestroy(conf);
            throw new InvalidOperationException("Could not create the embedded broker's host handle: " + MockClusterInterop.ErrorText(errstr));
        }

        var cluster = MockClusterInterop.ClusterNew(rk, brokerCount);
        if (cluster == IntPtr.Zero)
        {
            MockClusterInterop.KafkaDestroy(rk);
            throw new InvalidOperationException("librdkafka could not start the mock cluster.");
        }

        var embedded = new EmbeddedKafkaCluster(rk, cluster, brokerCount);
        embedded.CreateTopic(EmbeddedBrokerMarker.Topic, 1);
        return embedded;
    }

    /// <summary>Creates a topic with the given partition count. Creating an existing topic is a no-op.</summary>
    public void CreateTopic(string topic, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ThrowIfDisposed();
        if (_topics.TryGetValue(topic, out var existing))
        {
            if (existing != partitions)
            {
                throw new InvalidOperationException($"Topic '{topic}' already exists with {existing} partitions, not {partitions}.");
            }

            return;
        }

        // Replication factor is ignored by the mock; every partition has a leader among the brokers.
        var err = MockClusterInterop.TopicCreate(_cluster, topic, partitions, Math.Min(BrokerCount, 3));
        if (err != 0)
        {
            throw new InvalidOperationException($"Could not create topic '{topic}': {MockClusterInterop.DescribeError(err)}");
        }

        _topics[topic] = partitions;
    }

    /// <summary>Takes broker <paramref name="brokerId"/> (1..N) down: its connections close and it refuses new ones.</summary>
    public void SetBrokerDown(int brokerId) => Check(MockClusterInterop.BrokerSetDown(_cluster, brokerId), brokerId, "down");

    /// <summary>Brings broker <paramref name="brokerId"/> (1..N) back up.</summary>
    public void SetBrokerUp(int brokerId) => Check(MockClusterInterop.BrokerSetUp(_cluster, brokerId), brokerId, "up");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        MockClusterInterop.ClusterDestroy(_cluster);
        MockClusterInterop.KafkaDestroy(_handle);
    }

    private void Check(int err, int brokerId, string state)
    {
        ThrowIfDisposed();
        if (err != 0)
        {
            throw new InvalidOperationException($"Could not set broker {brokerId} {state}: {MockClusterInterop.DescribeError(err)}");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed == 1, this);

    private static void SetOrThrow(IntPtr conf, string name, string value, byte[] errstr)
    {
        if (MockClusterInterop.ConfSet(conf, name, value, errstr, (nuint)errstr.Length) != MockClusterInterop.ConfOk)
        {
            MockClusterInterop.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka rejected {name}: {MockClusterInterop.ErrorText(errstr)}");
        }
    }
}
