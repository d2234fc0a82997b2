using Aggregator.Hosting;
using Aggregator.Hosting.Options;
using Aggregator.Streams.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// One instance of the real worker's streams part, wired exactly as the app wires it: configuration →
/// the app's services (<see cref="AggregatorServices.AddAggregator"/>, options validated) → its
/// <see cref="ActivityTopologyFactory"/> and <see cref="StreamsConfigFactory"/> → <see cref="KafkaStreams"/>.
/// Only the hosted services (HTTP, status line, Slack dispatch) are not started.
/// </summary>
internal sealed class ActivityApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ActivityApp(ServiceProvider services, KafkaStreams streams, string applicationId)
    {
        _services = services;
        Streams = streams;
        ApplicationId = applicationId;
    }

    public KafkaStreams Streams { get; }

    public string ApplicationId { get; }

    public static async Task<ActivityApp> StartAsync(
        BenchKafka kafka, AppTopics topics, string applicationId, string instanceId, string stateDirectory, IReadOnlyDictionary<string, string?>? settings = null, ILoggerProvider? extraLogs = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Streams:ApplicationId"] = applicationId,
            ["Streams:InstanceId"] = instanceId,
            ["Streams:StateDirectory"] = stateDirectory,
            ["Topics:Raw"] = topics.Raw,
            ["Topics:Refined"] = topics.Refined,
            ["Topics:Counts"] = topics.Counts,
            ["Topics:Dlq"] = topics.Dlq,
            ["Topics:OptOuts"] = topics.OptOuts,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b =>
        {
            b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(extraLogs is null ? LogLevel.Warning : LogLevel.Information);
            b.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Warning);
            if (extraLogs is not null)
            {
                b.AddProvider(extraLogs);
            }
        });
        collection.AddAggregator(configuration);
        var services = collection.BuildServiceProvider();
        var config = StreamsConfigFactory.Create(
            services.GetRequiredService<IOptions<KafkaOptions>>().Value,
            services.GetRequiredService<IOptions<StreamsOptions>>().Value,
            services.GetRequiredService<IOptions<TopicsOptions>>().Value);
        var topology = services.GetRequiredService<ActivityTopologyFactory>().Create();
        var streams = new KafkaStreams(topology, config, services.GetRequiredService<ILoggerFactory>(), TimeProvider.System, kafka.TopicAdmin());
        await streams.StartAsync(CancellationToken.None);
        return new ActivityApp(services, streams, applicationId);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Streams.StopAsync(timeout.Token);
        await _services.DisposeAsync();
    }
}
