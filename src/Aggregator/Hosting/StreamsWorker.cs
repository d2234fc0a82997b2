using Aggregator.Hosting.Options;
using Aggregator.Streams.Kafka.Admin;
using Aggregator.Streams.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting;

/// <summary>
/// Runs the activity topology. Start-up failures (bad cluster state, missing topics) fail the host's start,
/// so the CLI reports them in one line; an instance that later dies stops the host with exit code 1.
/// Stopping commits, leaves the group and flushes within the host's shutdown timeout.
/// </summary>
internal sealed class StreamsWorker(
    ActivityTopologyFactory topologyFactory,
    IOptions<KafkaOptions> kafka,
    IOptions<StreamsOptions> streams,
    IOptions<TopicsOptions> topics,
    StreamsInstance instance,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    TimeProvider time,
    ITopicAdmin? topicAdmin = null) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<StreamsWorker>();
    private KafkaStreams? _streams;

    /// <summary>Set when the instance failed while running: the process exit code becomes 1.</summary>
    public static int ExitCode { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var config = StreamsConfigFactory.Create(kafka.Value, streams.Value, topics.Value);
        Log.Starting(_logger, config.ApplicationId, config.InstanceId, kafka.Value.ToString(), Path.GetFullPath(config.StateDirectory));
        _streams = new KafkaStreams(topologyFactory.Create(), config, loggerFactory, time, topicAdmin);
        instance.Set(_streams);
        await _streams.StartAsync(cancellationToken);
        _ = _streams.Completion.ContinueWith(
            completion =>
            {
                if (completion.IsFaulted)
                {
                    ExitCode = Cli.ExitCodes.Failed;
                    Log.Failed(_logger, completion.Exception!.GetBaseException().Message);
                    lifetime.StopApplication();
                }
            },
            TaskScheduler.Default);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_streams is not null)
        {
            await _streams.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_streams is not null)
        {
            await _streams.DisposeAsync();
        }
    }
}
