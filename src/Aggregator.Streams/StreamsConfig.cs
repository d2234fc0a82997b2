using Aggregator.Streams.Errors;
using Aggregator.Streams.State;

namespace Aggregator.Streams;

/// <summary>
/// Configuration of a <see cref="Runtime.KafkaStreams"/> instance. Plain settable properties so a host can bind
/// it from any configuration source; <see cref="Validate"/> reports every problem at once, in words an operator
/// can act on.
/// </summary>
public sealed class StreamsConfig
{
    /// <summary>Identifies the application: consumer group id and prefix of internal topics. Instances sharing it share the work.</summary>
    public string ApplicationId { get; set; } = string.Empty;

    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>Distinguishes instances of one application on one host (state directory, client ids). Default: a random id.</summary>
    public string InstanceId { get; set; } = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Where RocksDB state lives: &lt;StateDirectory&gt;/&lt;ApplicationId&gt;/&lt;InstanceId&gt;.</summary>
    public string StateDirectory { get; set; } = "state";

    public int NumStreamThreads { get; set; } = 1;

    /// <summary>How often tasks commit: flush caches (tables emit), changelogs, checkpoints and offsets.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cache entries per store per task; beyond it the task commits early (dirty entries are never evicted).</summary>
    public int CacheMaxEntriesPerStore { get; set; } = 50_000;

    /// <summary>Records processed per loop iteration before punctuation and commit checks.</summary>
    public int MaxRecordsPerIteration { get; set; } = 2_000;

    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// An input that is caught up and silent this long stops holding back the task's watermark (so windows close
    /// even when a partition has no data); an upstream task not heard from this long likewise.
    /// </summary>
    public TimeSpan InputIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public DeserializationErrorMode DeserializationErrors { get; set; } = DeserializationErrorMode.LogAndContinue;

    /// <summary>Optional topic for records that could not be deserialized (key and value kept as consumed).</summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>Consumer group session timeout: how long a crashed instance holds its partitions.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(45);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Replication factor for internal topics created by the application (-1: the broker's default).</summary>
    public short InternalTopicReplicationFactor { get; set; } = -1;

    /// <summary>How long to wait for the cluster at start-up before failing with a clear error.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ProducerLinger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long a send may be retried by the client before it fails (and the task rewinds and retries).</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Restored updates per store between restore checkpoints (bounds work lost to an interrupted restore).</summary>
    public int RestoreCheckpointRecords { get; set; } = 200_000;

    /// <summary>Shared RocksDB block cache for all stores of the instance.</summary>
    public long RocksDbBlockCacheBytes { get; set; } = 64L << 20;

    /// <summary>Size of one RocksDB memtable.</summary>
    public long RocksDbWriteBufferBytes { get; set; } = 16L << 20;

    /// <summary>Cap on all RocksDB memtables of the instance together.</summary>
    public long RocksDbTotalWriteBufferBytes { get; set; } = 64L << 20;

    /// <summary>Extra librdkafka settings for every client (security.protocol, sasl.*, ssl.*...). Never logged.</summary>
    public IDictionary<string, string> ClientSettings { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Store type used when the topology asks for RocksDB but <see cref="UseInMemoryStores"/> is set (tests).</summary>
    public bool UseInMemoryStores { get; set; }

    public StoreType EffectiveStoreType(StoreType requested) => UseInMemoryStores ? StoreType.InMemory : requested;

    /// <summary>Every problem with this configuration, or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ApplicationId) || ApplicationId.Any(c => !(char.IsLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            errors.Add("ApplicationId must be a non-empty topic-name-safe string (letters, digits, '.', '_', '-').");
        }

        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            errors.Add("BootstrapServers must list at least one host:port.");
        }

        Check(errors, NumStreamThreads is >= 1 and <= 64, "NumStreamThreads must be between 1 and 64.");
        Check(errors, CommitInterval >= TimeSpan.FromMilliseconds(10) && CommitInterval <= TimeSpan.FromMinutes(10), "CommitInterval must be between 10 ms and 10 minutes.");
        Check(errors, CacheMaxEntriesPerStore >= 1, "CacheMaxEntriesPerStore must be at least 1.");
        Check(errors, MaxRecordsPerIteration >= 1, "MaxRecordsPerIteration must be at least 1.");
        Check(errors, SessionTimeout >= TimeSpan.FromSeconds(1), "SessionTimeout must be at least 1 second.");
        Check(errors, HeartbeatInterval > TimeSpan.Zero && HeartbeatInterval < SessionTimeout, "HeartbeatInterval must be positive and below SessionTimeout.");
        Check(errors, StartupTimeout > TimeSpan.Zero, "StartupTimeout must be positive.");
        Check(errors, InputIdleTimeout > TimeSpan.Zero, "InputIdleTimeout must be positive.");
        Check(errors, RocksDbBlockCacheBytes >= 1 << 20, "RocksDbBlockCacheBytes must be at least 1 MiB.");
        Check(errors, RocksDbWriteBufferBytes >= 1 << 20, "RocksDbWriteBufferBytes must be at least 1 MiB.");
        Check(errors, RocksDbTotalWriteBufferBytes >= RocksDbWriteBufferBytes, "RocksDbTotalWriteBufferBytes must be at least RocksDbWriteBufferBytes.");
        Check(errors, !string.IsNullOrWhiteSpace(StateDirectory), "StateDirectory must be set.");
        return errors;
    }

    private static void Check(List<string> errors, bool condition, string message)
    {
        if (!condition)
        {
            errors.Add(message);
        }
    }
}
