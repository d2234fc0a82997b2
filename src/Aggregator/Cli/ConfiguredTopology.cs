using Aggregator.Activity;
using Aggregator.Hosting.Options;
using Aggregator.Topology;
using Microsoft.Extensions.Configuration;

namespace Aggregator.Cli;

/// <summary>The activity topology as configured, for commands that describe it or size its topics (no I/O).</summary>
internal sealed record ConfiguredTopology(Streams.Topology.Topology Topology, ActivityTopologySettings Settings, string ApplicationId)
{
    public static ConfiguredTopology From(IConfiguration configuration)
    {
        var settings = new ActivityTopologySettings(
            Bind<TopicsOptions>(configuration, TopicsOptions.SectionName),
            Bind<WindowsOptions>(configuration, WindowsOptions.SectionName),
            Bind<DedupOptions>(configuration, DedupOptions.SectionName));
        using var metrics = new ActivityMetrics();
        var topology = ActivityTopology.Build(settings, ActivityRefiner.Create(), CountKeyBuilder.For(CountDimension.Type, CountDimension.Path), metrics,
            Aggregator.Topology.Reporting.ReportingSettings.Defaults(settings.Windows));
        return new ConfiguredTopology(topology, settings, Bind<StreamsOptions>(configuration, StreamsOptions.SectionName).ApplicationId);
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
