using Aggregator.Cli;
using Aggregator.Topology;
using Microsoft.Extensions.Configuration;

namespace Aggregator.Tests.Topology;

public sealed class TopologyDocumentTests
{
    // What `aggregator topology` reads when run from the repository (the app's own appsettings.json, no overrides),
    // without the machine's AGGREGATOR_* environment.
    private static readonly ConfiguredTopology Configured = ConfiguredTopology.From(new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(RepositoryRoot(), "src", "Aggregator", "appsettings.json"), optional: false)
        .Build());

    [Fact]
    public void CheckedInTopologyMd_IsWhatAggregatorTopologyPrints()
    {
        var expected = TopologyDocument.Render(Configured);

        var checkedIn = File.ReadAllText(Path.Combine(RepositoryRoot(), "topology.md"));

        Assert.True(expected == checkedIn,
            "topology.md is out of date: regenerate it with `dotnet run --project src/Aggregator -c Release -- topology > topology.md`.");
    }

    [Fact]
    public void Document_NamesEveryTopicStoreAndInternalTopic_WithTheApplicationIdPrefix()
    {
        var document = TopologyDocument.Render(Configured);

        foreach (var name in new[]
        {
            "activity.raw", "activity.refined", "activity.dlq", "activity.counts", "privacy.optouts",
            "aggregator-refined-by-user-repartition", "aggregator-counts-by-key-repartition", "aggregator-reporting-counts-repartition",
            "aggregator-event-ids-changelog", "aggregator-activity-counts-changelog", "aggregator-raw-stream-time-changelog",
            "aggregator-report-merger-changelog", "privacy-optouts",
        })
        {
            Assert.Contains(name, document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Document_ContainsStreamizsOwnDescription()
    {
        var document = TopologyDocument.Render(Configured);

        Assert.Contains(Configured.Topology.Describe().ToString()!.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd(), document, StringComparison.Ordinal);
    }

    // Streamiz numbers the global opt-out store's sub-topology 0: refine is 1, dedup (and pre-aggregation) 2, counting 3.
    [Theory]
    [InlineData("activity.dlq", 1)]
    [InlineData("activity.refined", 2)]
    [InlineData("activity.counts", 3)]
    [InlineData("aggregator-refined-by-user-repartition", 1)]
    [InlineData("aggregator-counts-by-key-repartition", 2)]
    [InlineData("aggregator-activity-counts-changelog", 3)]
    [InlineData("aggregator-count-partials-changelog", 2)]
    [InlineData("aggregator-report-stats-counts-changelog", 2)]
    public void TopicTable_NamesTheSubTopologyThatWritesEachTopic(string topic, int subTopology)
    {
        var document = TopologyDocument.Render(Configured);

        var row = Assert.Single(document.Split('\n'), line => line.StartsWith($"| `{topic}` |", StringComparison.Ordinal));
        Assert.Contains($"| sub-topology {subTopology} |", row, StringComparison.Ordinal);
        Assert.Contains("Sub-topology: 0 for global store", document, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Aggregator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Aggregator.sln not found above the test directory.");
    }
}
