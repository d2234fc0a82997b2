using Aggregator.Hosting.Options;
using Aggregator.Topology;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streamiz.Kafka.Net;

namespace Aggregator.Hosting.Streams;

/// <summary>
/// Runs the activity topology on Streamiz. Start-up failures (unreachable cluster, missing or mis-sized topics) fail
/// the host's start, so the CLI reports them in one line; an instance that later dies stops the host with exit code 1.
/// Stopping closes the instance (commit, leave the group, flush) within the host's shutdown timeout.
/// </summary>
/// <remarks>
/// No cancellation token goes to <see cref="KafkaStream.StartAsync"/>: Streamiz then also closes the instance itself when
/// the token fires, and a second close from <see cref="StopAsync"/> throws inside its shutdown path and aborts the process.
/// </remarks>
internal sealed class StreamsWorker(
    ActivityTopologyFactory topologyFactory,
    IOptions<KafkaOptions> kafka,
    IOptions<StreamsOptions> streams,
    IOptions<TopicsOptions> topics,
    IOptions<Activity.PrivacyOptions> privacy,
    StreamsInstance instance,
    Privacy.ErasureStream erasures,
    StreamizMetricsBridge streamizMetrics,
    Outbox.SlackOutboxDispatcher outbox,
    StreamsMetrics streamsMetrics,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory) : IHostedService, IDisposable
{
    private static readonly TimeSpan OutboxHandover = TimeSpan.FromSeconds(5);
    private readonly ILogger _logger = loggerFactory.CreateLogger<StreamsWorker>();
    private KafkaStream? _stream;
    private int _closed;

    /// <summary>
    /// Set once the instance has closed. Streamiz 1.8 does not dispose every admin client it created, and those log
    /// "brokers are down" errors when the cluster goes away afterwards (the embedded broker at process exit).
    /// </summary>
    public static bool Closed => Volatile.Read(ref s_closed);

    private static bool s_closed;

    /// <summary>Set when the instance failed while running: the process exit code becomes 1.</summary>
    public static int ExitCode { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = streams.Value;
        var facts = await Task.Run(
            () => StartupChecks.Run(kafka.Value, options, topics.Value, sourcePartitions => topologyFactory.InternalTopics(options.ApplicationId, sourcePartitions)),
            cancellationToken);
        // Which librdkafka runs matters (a system librdkafka.so would otherwise win, issue 11): say which one, once.
        Log.Librdkafka(_logger, Confluent.Kafka.Library.VersionString, Kafka.BundledLibrdkafka.LoadedFrom ?? "(unknown)");
        var exactlyOnce = options.ProcessingGuarantee == StreamsOptions.ExactlyOnce && !facts.IsEmbeddedBroker;
        if (facts.IsEmbeddedBroker && options.ProcessingGuarantee == StreamsOptions.ExactlyOnce)
        {
            Log.AtLeastOnceOnEmbeddedBroker(_logger);
        }

        // A deliberate exception to masking should not go unnoticed in the log (issue 14).
        if (privacy.Value.DlqKeepRaw)
        {
            Log.DlqKeepsRaw(_logger);
        }

        var config = StreamsConfigFactory.Create(kafka.Value, options, exactlyOnce, loggerFactory, streamizMetrics, streamsMetrics);
        Log.Starting(_logger, options.ApplicationId, StreamsConfigFactory.InstanceId(options), kafka.Value.ToString(), config.StateDir,
            exactlyOnce ? "exactly-once" : "at-least-once");
        var internalTopics = topologyFactory.InternalTopics(options.ApplicationId, _ => facts.RawPartitions);
        instance.SourcePartitions = [.. Enumerable.Range(0, facts.RawPartitions).Select(p => new TopicPartition(topics.Value.Raw, p)),
            .. internalTopics.Where(t => Kafka.InternalTopics.IsRepartition(t.Key)).SelectMany(t => Enumerable.Range(0, t.Value).Select(p => new TopicPartition(t.Key, p)))];
        instance.CountingPartitions = facts.RawPartitions;
        var topology = topologyFactory.Create(facts.RawPartitions);
        instance.StoresBySubTopology = topology.Describe().SubTopologies.ToDictionary(
            s => s.Id,
            s => (IReadOnlyList<string>)[.. s.Nodes.OfType<Streamiz.Kafka.Net.Stream.IProcessorNodeDescription>().SelectMany(p => p.Stores).Distinct(StringComparer.Ordinal)]);
        _stream = new KafkaStream(topology, config);
        instance.Attach(_stream);
        _stream.StateChanged += (from, state) =>
        {
            Log.StateChanged(_logger, from.ToString(), state.ToString());
            if (state == KafkaStream.State.ERROR)
            {
                ExitCode = Cli.ExitCodes.Failed;
                Log.Failed(_logger, "a stream thread stopped on an unrecoverable error (see the log above)");
                instance.Fail(new InvalidOperationException("a stream thread stopped on an unrecoverable error"));
                lifetime.StopApplication();
            }
        };
        await _stream.StartAsync();

        // Erasure notices: a second application on the same guarantee (see ErasureTopology for why it is separate).
        var erasureConfig = StreamsConfigFactory.Create(kafka.Value, Privacy.ErasureStream.Options(options), exactlyOnce, loggerFactory, streamizMetrics, streamsMetrics);
        await erasures.StartAsync(erasureConfig, (from, state) =>
        {
            Log.ErasureStateChanged(_logger, from.ToString(), state.ToString());
            if (state == KafkaStream.State.ERROR)
            {
                ExitCode = Cli.ExitCodes.Failed;
                Log.Failed(_logger, "the erasure application's stream thread stopped on an unrecoverable error (see the log above)");
                lifetime.StopApplication();
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Deliveries under way finish and are recorded by the merger (still running) before its task closes.
        await outbox.QuiesceAsync(OutboxHandover, cancellationToken);
        await Task.Run(Close, cancellationToken);
    }

    public void Dispose() => Close();

    private void Close()
    {
        if (_stream is not null && Interlocked.Exchange(ref _closed, 1) == 0)
        {
            erasures.Dispose();
            _stream.Dispose();
            Volatile.Write(ref s_closed, true);
        }
    }
}
