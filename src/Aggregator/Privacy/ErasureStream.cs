using Aggregator.Activity;
using Aggregator.Hosting.Options;
using Aggregator.Topology;
using Microsoft.Extensions.Options;
using Streamiz.Kafka.Net;

namespace Aggregator.Privacy;

/// <summary>
/// Runs the erasure application (<see cref="ErasureTopology"/>) beside the activity topology, with the same Streamiz
/// configuration except its application id (its own consumer group, internal topics and state directory). Started and
/// closed by the streams worker, which decides the processing guarantee for both.
/// </summary>
internal sealed class ErasureStream(IOptions<TopicsOptions> topics, IOptions<PrivacyOptions> privacy, TimeProvider time, ActivityMetrics metrics) : IDisposable
{
    private KafkaStream? _stream;

    /// <summary>The erasure application's settings: the activity topology's, under its own application id, one thread, a small RocksDB budget.</summary>
    public static StreamsOptions Options(StreamsOptions activity) => new()
    {
        ApplicationId = ErasureTopology.ApplicationId(activity.ApplicationId),
        InstanceId = activity.InstanceId,
        StateDirectory = activity.StateDirectory,
        Threads = 1,
        ProcessingGuarantee = activity.ProcessingGuarantee,
        CommitInterval = activity.CommitInterval,
        SessionTimeout = activity.SessionTimeout,
        ReplicationFactor = activity.ReplicationFactor,
        // One small store (identities opted out): its own RocksDB budget, a fraction of the activity topology's.
        RocksDbBlockCacheMiB = 8,
        RocksDbWriteBufferMiB = 2,
        RocksDbTotalWriteBufferMiB = 4,
    };

    /// <param name="config">Built from <see cref="Options"/>.</param>
    /// <param name="stateChanged">Told of every state change (the worker logs them and stops on ERROR).</param>
    public Task StartAsync(StreamConfig config, Action<KafkaStream.State, KafkaStream.State> stateChanged)
    {
        // Streamiz's own sensors stay the activity topology's: the bridge exports one application's tasks.
        config.MetricsReporter = _ => { };
        _stream = new KafkaStream(ErasureTopology.Build(topics.Value, privacy.Value.HeldFor, time, metrics), config);
        _stream.StateChanged += (from, to) => stateChanged(from, to);
        return _stream.StartAsync();
    }

    public void Dispose() => _stream?.Dispose();
}
