using Aggregator.Activity;
using Aggregator.Hosting.Options;
using Aggregator.Topology;
using Aggregator.Topology.Reporting;
using Microsoft.Extensions.Configuration;
using TopologyModel = Streamiz.Kafka.Net.Stream.Topology;

namespace Aggregator.Cli;

/// <summary>The activity topology as configured, for commands that describe it or size its topics (no I/O).</summary>
internal sealed record ConfiguredTopology(TopologyModel Topology, ActivityTopologySettings Settings, string ApplicationId)
{
    /// <summary>The erasure application run beside the activity topology (<see cref="Privacy.ErasureTopology"/>).</summary>
    public TopologyModel ErasureTopology { get; } = Privacy.ErasureTopology.Build(Settings.Topics, TimeSpan.FromDays(7), TimeProvider.System, new ActivityMetrics());

    public static ConfiguredTopology From(IConfiguration configuration)
    {
        var settings = new ActivityTopologySettings(
            Bind<TopicsOptions>(configuration, TopicsOptions.SectionName),
            Bind<WindowsOptions>(configuration, WindowsOptions.SectionName),
            Bind<DedupOptions>(configuration, DedupOptions.SectionName))
        {
            PreAggregationInterval = Bind<StreamsOptions>(configuration, StreamsOptions.SectionName).CommitInterval,
        };
        var services = new ActivityTopologyServices(
            ActivityRefiner.Create(),
            CountKeyBuilder.For(CountDimension.Type, CountDimension.Path),
            new ActivityMetrics(),
            new StreamsMetrics(),
            ReportingSettings.Defaults(settings.Windows) with { CountingPartitions = settings.Topics.Partitions });
        return new ConfiguredTopology(ActivityTopology.Build(settings, services), settings, Bind<StreamsOptions>(configuration, StreamsOptions.SectionName).ApplicationId);
    }

    /// <summary>Every topic `aggregator run` uses with this configuration — the application's and the internal ones — with partition counts.</summary>
    public Dictionary<string, int> AllTopics()
    {
        var topics = Settings.Topics.All.ToDictionary(t => t, _ => Settings.Topics.Partitions, StringComparer.Ordinal);
        foreach (var (name, partitions) in ActivityTopology.InternalTopics(Topology, ApplicationId, _ => Settings.Topics.Partitions))
        {
            topics[name] = partitions;
        }

        foreach (var (name, partitions) in Privacy.ErasureTopology.InternalTopics(ErasureTopology, ApplicationId, _ => Settings.Topics.Partitions))
        {
            topics[name] = partitions;
        }

        return topics;
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
