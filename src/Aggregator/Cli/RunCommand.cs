using Aggregator.Demo;
using Aggregator.Hosting;
using Aggregator.Hosting.Options;
using Aggregator.Streams.Kafka.Admin;
using Aggregator.Streams.Kafka.Embedded;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aggregator.Cli;

/// <summary>
/// <c>aggregator run</c>: the worker. With no <c>Kafka:BootstrapServers</c> it is also its own demo: it starts an
/// embedded broker in-process, creates the topics, and runs the traffic generator with the demo preset.
/// </summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(IReadOnlyList<string> overrides)
    {
        var initial = AppConfiguration.Build(overrides);
        var kafka = new KafkaOptions();
        initial.GetSection(KafkaOptions.SectionName).Bind(kafka);
        using var cluster = kafka.IsEmbedded ? EmbeddedKafkaCluster.Start(1) : null;
        var configuration = cluster is null
            ? initial
            : AppConfiguration.Build(overrides, DemoDefaults.Settings, new Dictionary<string, string?>
            {
                [$"{KafkaOptions.SectionName}:{nameof(KafkaOptions.BootstrapServers)}"] = cluster.BootstrapServers,
                [$"{GeneratorOptions.SectionName}:{nameof(GeneratorOptions.BootstrapServers)}"] = cluster.BootstrapServers,
            });

        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Configuration = new ConfigurationManager() });
        builder.Configuration.AddConfiguration(configuration);
        HostLogging.Configure(builder.Logging, configuration, singleLine: cluster is null);
        builder.Services.AddAggregator(configuration);
        if (cluster is not null)
        {
            if (Directory.Exists(DemoDefaults.StateDirectory))
            {
                Directory.Delete(DemoDefaults.StateDirectory, recursive: true);
            }

            CreateDemoTopics(cluster, configuration);
            // Registered through a factory so the container disposes the admin client before the cluster goes away.
            builder.Services.AddSingleton<ITopicAdmin>(_ => new EmbeddedTopicAdmin(cluster, new KafkaTopicAdmin(
                new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).SetLogHandler((_, _) => { }).Build(), -1)));
            builder.Services.AddTrafficGenerator(configuration).WithKafkaSecurity(configuration);
            builder.Services.AddTrafficGeneratorHostedService();
        }

        using var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (Exception ex) when (StartupFailure.TryDescribe(ex, out var line))
        {
            await Console.Error.WriteLineAsync("aggregator: " + line);
            await StopQuietly(host);
            return ExitCodes.BadConfiguration;
        }

        await host.WaitForShutdownAsync();
        return StreamsWorker.ExitCode;
    }

    private static void CreateDemoTopics(EmbeddedKafkaCluster cluster, IConfiguration configuration)
    {
        var topics = new TopicsOptions();
        configuration.GetSection(TopicsOptions.SectionName).Bind(topics);
        foreach (var topic in topics.All)
        {
            cluster.CreateTopic(topic, topics.Partitions);
        }

        Console.Out.WriteLine($"Embedded Kafka broker at {cluster.BootstrapServers} (demo mode: no Kafka:BootstrapServers set); topics {string.Join(", ", topics.All)} with {topics.Partitions} partitions.");
    }

    private static async Task StopQuietly(IHost host)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or AggregateException)
        {
            // Already failing: the one-line reason was printed.
        }
    }
}
