using Aggregator.Activity;
using Aggregator.Topology;

namespace Aggregator.Tests.Topology;

public sealed class TopologyDocumentTests
{
    [Fact]
    public void CheckedInTopologyMd_MatchesTheTopologysOwnDescription()
    {
        using var metrics = new ActivityMetrics();
        var settings = ActivityTopologySettings.Default;
        var topology = ActivityTopology.Build(settings, ActivityRefiner.Create(), CountKeyBuilder.For(CountDimension.Type, CountDimension.Path), metrics, Aggregator.Topology.Reporting.ReportingSettings.Defaults(new Aggregator.Hosting.Options.WindowsOptions()));
        var expected = TopologyDocument.Render(topology, settings, "aggregator");

        var checkedIn = File.ReadAllText(Path.Combine(RepositoryRoot(), "topology.md"));

        Assert.True(expected == checkedIn, "topology.md is out of date: regenerate it with `aggregator topology > topology.md`.");
    }

    [Fact]
    public void Document_NamesEveryTopicStoreAndInternalTopic()
    {
        using var metrics = new ActivityMetrics();
        var settings = ActivityTopologySettings.Default;
        var topology = ActivityTopology.Build(settings, ActivityRefiner.Create(), CountKeyBuilder.For(CountDimension.Type, CountDimension.Path), metrics, Aggregator.Topology.Reporting.ReportingSettings.Defaults(new Aggregator.Hosting.Options.WindowsOptions()));

        var document = TopologyDocument.Render(topology, settings, "aggregator");

        foreach (var name in new[]
        {
            "activity.raw", "activity.refined", "activity.dlq", "activity.counts", "privacy.optouts",
            "aggregator-refined-by-user-repartition", "aggregator-counts-by-key-repartition",
            "aggregator-event-ids-changelog", "aggregator-activity-counts-changelog", "privacy-optouts",
        })
        {
            Assert.Contains(name, document, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Aggregator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Aggregator.sln not found above the test directory.");
    }
}
