using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Aggregator.Kafka;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Window-count entries written straight into the changelog of the counts window store (<c>activity-counts</c>), in the
/// bytes Streamiz's ChangeLoggingTimestampedWindowBytesStore writes: key = the count key's StringSerDes bytes + the
/// window start (8 bytes, big-endian) + a sequence number (4 bytes, big-endian, 0 for a store without duplicates); value =
/// the count's Int64SerDes bytes; record timestamp = the event time of the window's last update (the restore rebuilds
/// the store's ValueAndTimestamp from it). Each key is one event's worth: the five 5-minute windows hopping by 1 minute
/// that contain its event time, so the entries look like what the worker builds from events with distinct paths.
/// </summary>
internal sealed class WindowChangelog
{
    /// <summary>The app's default windows (Windows:Size, Windows:Advance): every event time lies in Size / Advance windows.</summary>
    public static readonly TimeSpan WindowSize = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan WindowAdvance = TimeSpan.FromMinutes(1);

    public static readonly int WindowsPerKey = (int)(WindowSize / WindowAdvance);

    // The event times span 40 minutes ending 3 minutes ago: every window start then lies within ~45 minutes of the others,
    // inside the store's 60-minute retention (older segments would be dropped while restoring).
    private static readonly TimeSpan EventSpan = TimeSpan.FromMinutes(40);
    private static readonly TimeSpan EndBeforeNow = TimeSpan.FromMinutes(3);
    private static readonly string[] Types = ["page_view", "click", "search", "purchase", "error"];
    private const int SampleKeys = 5;
    private const int MaxCount = 9;
    private const int SequenceNumber = 0;
    private static readonly Int64SerDes CountSerDes = new();

    private WindowChangelog(int keys, DateTimeOffset firstEvent)
    {
        Keys = keys;
        FirstEvent = firstEvent;
    }

    public int Keys { get; }

    public long Records => (long)Keys * WindowsPerKey;

    /// <summary>Key and value bytes written, before compression.</summary>
    public long Bytes { get; private set; }

    public double Seconds { get; private set; }

    public DateTimeOffset FirstEvent { get; }

    public DateTimeOffset LastEvent => EventTime(Keys - 1);

    /// <summary>Keys spread over the data, to check the restored store against: their windows and counts.</summary>
    public IEnumerable<(string Key, IReadOnlyList<(long Start, long Count)> Windows)> Samples() =>
        Enumerable.Range(0, SampleKeys).Select(s => (int)((long)(Keys - 1) * s / (SampleKeys - 1))).Distinct().Select(i => (KeyOf(i), Windows(i)));

    /// <summary>Writes at least <paramref name="entries"/> entries (rounded up to whole keys) to <paramref name="topic"/>, each key to its murmur2 partition.</summary>
    public static WindowChangelog Write(BenchBroker broker, string topic, long entries, CancellationToken cancellationToken)
    {
        var keys = (int)((entries + WindowsPerKey - 1) / WindowsPerKey);
        var changelog = new WindowChangelog(keys, DateTimeOffset.UtcNow - EndBeforeNow - EventSpan);
        var partitions = broker.Partitions(topic);
        var clock = Stopwatch.StartNew();
        using var producer = CreateProducer(broker);
        for (var i = 0; i < keys; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Encoding.UTF8.GetBytes(KeyOf(i));
            // Streamiz writes a task's changelog to the task's partition: the one the counts-by-key hop chose, murmur2 of the key.
            var partition = new TopicPartition(topic, Murmur2Partitioner.Partition(key, partitions));
            var timestamp = new Timestamp(changelog.EventTime(i));
            foreach (var (start, count) in changelog.Windows(i))
            {
                var message = new Message<byte[], byte[]> { Key = StoreKey(key, start), Value = CountSerDes.Serialize(count, default), Timestamp = timestamp };
                changelog.Bytes += message.Key.Length + message.Value.Length;
                Produce(producer, partition, message);
            }
        }

        producer.Flush(cancellationToken);
        changelog.Seconds = clock.Elapsed.TotalSeconds;
        return changelog;
    }

    private static string KeyOf(int i) => $"{Types[i % Types.Length]}|/items/{i}";

    private DateTimeOffset EventTime(int i) => FirstEvent + EventSpan * ((double)i / Math.Max(1, Keys));

    // The windows containing key i's event time, oldest first, with a count between 1 and MaxCount.
    private IReadOnlyList<(long Start, long Count)> Windows(int i)
    {
        var eventMs = EventTime(i).ToUnixTimeMilliseconds();
        var advanceMs = (long)WindowAdvance.TotalMilliseconds;
        var lastStart = eventMs - eventMs % advanceMs;
        return [.. Enumerable.Range(0, WindowsPerKey).Reverse().Select(k => (lastStart - k * advanceMs, 1L + (i + k) % MaxCount))];
    }

    private static byte[] StoreKey(byte[] key, long windowStart)
    {
        var bytes = new byte[key.Length + sizeof(long) + sizeof(int)];
        key.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), windowStart);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(key.Length + sizeof(long)), SequenceNumber);
        return bytes;
    }

    // Large lz4 batches: the embedded broker keeps ~5 MB / 100k message sets per partition and drops older data silently.
    private static IProducer<byte[], byte[]> CreateProducer(BenchBroker broker) =>
        new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            LingerMs = 50,
            Acks = Acks.Leader,
            CompressionType = CompressionType.Lz4,
            BatchSize = 1 << 20,
            BatchNumMessages = 100_000,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 1 << 20,
            DeliveryReportFields = "none",
        }).SetLogHandler((_, _) => { }).Build();

    private static void Produce(IProducer<byte[], byte[]> producer, TopicPartition partition, Message<byte[], byte[]> message)
    {
        while (true)
        {
            try
            {
                producer.Produce(partition, message);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }
}
