using System.Text.RegularExpressions;
using Aggregator.Cli;
using Aggregator.Tests.Topology;
using Microsoft.Extensions.Configuration;
using Streamiz.Kafka.Net.Stream;

namespace Aggregator.Tests.Privacy;

/// <summary>
/// docs/privacy.md is the data inventory: every topic and store of the built topologies (activity and erasure) has a
/// row, and every row names one that exists — a new topic or store without an entry fails the build (issue 14).
/// </summary>
public sealed partial class PrivacyInventoryTests
{
    private static readonly ConfiguredTopology Configured = ConfiguredTopology.From(new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(TopologyDocumentTests.RepositoryRoot(), "src", "Aggregator", "appsettings.json"), optional: false)
        .Build());

    [Fact]
    public void EveryTopicAndStoreOfTheTopology_HasAnInventoryRow()
    {
        var documented = InventoryRows();

        var missing = Built().Where(name => !documented.Contains(name)).ToList();

        Assert.True(missing.Count == 0, "docs/privacy.md has no inventory row for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryInventoryRow_NamesATopicOrStoreThatExists()
    {
        var built = Built();

        var stale = InventoryRows().Where(name => !built.Contains(name)).ToList();

        Assert.True(stale.Count == 0, "docs/privacy.md documents what the topology no longer has: " + string.Join(", ", stale));
    }

    [Fact]
    public void Readme_LinksTheInventory()
    {
        var readme = File.ReadAllText(Path.Combine(TopologyDocumentTests.RepositoryRoot(), "README.md"));

        Assert.Contains("(docs/privacy.md)", readme, StringComparison.Ordinal);
    }

    private static HashSet<string> Built()
    {
        var names = new HashSet<string>(Configured.AllTopics().Keys, StringComparer.Ordinal);
        names.UnionWith(Stores(Configured.Topology.Describe()));
        names.UnionWith(Stores(Configured.ErasureTopology.Describe()));
        Assert.Contains("privacy-optouts", names); // the global store is seen, so the check is not vacuous
        return names;
    }

    private static IEnumerable<string> Stores(ITopologyDescription description) =>
        description.SubTopologies.SelectMany(s => s.Nodes).OfType<IProcessorNodeDescription>().SelectMany(p => p.Stores)
            .Concat(description.GlobalStores.SelectMany(g => g.Processor.Stores));

    /// <summary>The first cell of each row of the "Inventory" table.</summary>
    private static HashSet<string> InventoryRows()
    {
        var document = File.ReadAllText(Path.Combine(TopologyDocumentTests.RepositoryRoot(), "docs", "privacy.md"));
        var section = document[document.IndexOf("## Inventory", StringComparison.Ordinal)..];
        var rows = section.Split('\n').Select(l => FirstCell().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value);
        var set = rows.ToHashSet(StringComparer.Ordinal);
        Assert.True(set.Count >= 20, $"read only {set.Count} rows from docs/privacy.md");
        return set;
    }

    [GeneratedRegex(@"^\| `([^`]+)` \|")]
    private static partial Regex FirstCell();
}
