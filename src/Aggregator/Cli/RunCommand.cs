using Aggregator.Demo;
using Aggregator.Hosting;
using Aggregator.Hosting.Streams;
using Aggregator.Hosting.Options;
using Aggregator.Kafka;
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
                // The demo needs no registry: with Serialization:Format=avro and no SchemaRegistry:Url, the in-memory test double.
                [$"{Serialization.SchemaRegistryOptions.SectionName}:{nameof(Serialization.SchemaRegistryOptions.InMemory)}"] =
                    string.IsNullOrWhiteSpace(initial[$"{Serialization.SchemaRegistryOptions.SectionName}:{nameof(Serialization.SchemaRegistryOptions.Url)}"]) ? "true" : "false",
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

            try
            {
                CreateDemoTopics(cluster, configuration);
            }
            catch (Exception ex) when (StartupFailure.TryDescribe(ex, out var line))
            {
                // Sizing the topics binds the options before the host validates them (a value that is not a time, say).
                await Console.Error.WriteLineAsync("aggregator: " + line);
                return ExitCodes.BadConfiguration;
            }

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
        return await ReportFailedServiceAsync(host) ?? StreamsWorker.ExitCode;
    }

    // A background service that fails stops the host, whose own report HostLogging filters out (it is meant for start-up
    // failures): say which service failed and why, and do not exit 0 as if stopped on purpose.
    private static async Task<int?> ReportFailedServiceAsync(IHost host)
    {
        foreach (var service in host.Services.GetServices<IHostedService>().OfType<BackgroundService>())
        {
            if (service.ExecuteTask is { IsFaulted: true } task)
            {
                await Console.Error.WriteLineAsync($"aggregator: {service.GetType().Name} failed: {task.Exception!.GetBaseException().Message}");
                return ExitCodes.Failed;
            }
        }

        return null;
    }

    // The embedded broker cannot create topics over the protocol, so Streamiz's internal topics are created here too.
    private static void CreateDemoTopics(EmbeddedKafkaCluster cluster, IConfiguration configuration)
    {
        var configured = ConfiguredTopology.From(configuration);
        foreach (var (topic, partitions) in configured.AllTopics())
        {
            cluster.CreateTopic(topic, partitions);
        }

        var topics = configured.Settings.Topics;
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
