using Aggregator.Kafka;
using Aggregator.Tests.Topology;
using Aggregator.Topology;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Stream;
using Streamiz.Kafka.Net.Table;

namespace Aggregator.Tests.Kafka;

public sealed class InternalTopicsTests
{
    private static readonly IReadOnlyDictionary<string, int> NoneDeclared = new Dictionary<string, int>();

    [Fact]
    public void ActivityTopology_NeedsItsRepartitionTopicsAndChangelogs_PrefixedAndSized()
    {
        using var topology = new TopologyUnderTest();

        var plan = ActivityTopology.InternalTopics(topology.Topology, "app", _ => 6);

        Assert.Equal(new Dictionary<string, int>
        {
            ["app-refined-by-user-repartition"] = 6,
            ["app-counts-by-key-repartition"] = 6,
            ["app-reporting-refine-repartition"] = 1,
            ["app-reporting-dedup-repartition"] = 1,
            ["app-reporting-counts-repartition"] = 1,
            ["app-report-stats-refine-changelog"] = 6,
            ["app-event-ids-changelog"] = 6,
            ["app-report-stats-dedup-changelog"] = 6,
            ["app-raw-stream-time-changelog"] = 6,
            ["app-activity-counts-changelog"] = 6,
            ["app-report-stats-counts-changelog"] = 6,
            ["app-count-partials-changelog"] = 6,
            ["app-report-merger-changelog"] = 1,
        }, plan.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Fact]
    public void RepartitionTopic_TakesItsWritersWidth_AndItsReadersStoresFollowIt()
    {
        var builder = new StreamBuilder();
        builder.Stream<string, string>("wide", new StringSerDes(), new StringSerDes())
            .Repartition(Repartitioned<string, string>.As("rekeyed").WithKeySerdes(new StringSerDes()).WithValueSerdes(new StringSerDes()))
            .GroupByKey()
            .Count(InMemory.As<string, long>("per-key"));

        var plan = InternalTopics.Plan(builder.Build().Describe(), "app", topic => topic == "wide" ? 8 : 1, NoneDeclared);

        Assert.Equal(8, plan["app-rekeyed-repartition"]);
        Assert.Equal(8, plan["app-per-key-changelog"]);
        Assert.Equal(2, plan.Count);
    }

    [Fact]
    public void DeclaredPartitionCount_WinsOverTheWritersWidth_AndSizesTheReadersChangelogs()
    {
        var builder = new StreamBuilder();
        builder.Stream<string, string>("wide", new StringSerDes(), new StringSerDes())
            .Repartition(Repartitioned<string, string>.As("funnel").WithKeySerdes(new StringSerDes()).WithValueSerdes(new StringSerDes()).WithNumberOfPartitions(1))
            .GroupByKey()
            .Count(InMemory.As<string, long>("all"));

        var plan = InternalTopics.Plan(builder.Build().Describe(), "app", _ => 8, new Dictionary<string, int> { ["funnel-repartition"] = 1 });

        Assert.Equal(1, plan["app-funnel-repartition"]);
        Assert.Equal(1, plan["app-all-changelog"]);
    }

    [Fact]
    public void SubTopologyReadingTwoTopics_IsAsWideAsTheWiderOne()
    {
        var builder = new StreamBuilder();
        var left = builder.Stream<string, string>("narrow", new StringSerDes(), new StringSerDes());
        var right = builder.Stream<string, string>("wide", new StringSerDes(), new StringSerDes());
        left.Merge(right).GroupByKey().Count(InMemory.As<string, long>("merged"));

        var plan = InternalTopics.Plan(builder.Build().Describe(), "app", topic => topic == "wide" ? 5 : 2, NoneDeclared);

        Assert.Equal(new Dictionary<string, int> { ["app-merged-changelog"] = 5 }, plan);
    }

    [Fact]
    public void GlobalTableStore_NeedsNoChangelog_ItsTopicIsItsLog()
    {
        using var topology = new TopologyUnderTest();

        var plan = ActivityTopology.InternalTopics(topology.Topology, "app", _ => 6);

        Assert.DoesNotContain(plan.Keys, k => k.Contains("optouts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("app-x-repartition", true)]
    [InlineData("app-x-changelog", false)]
    [InlineData("activity.raw", false)]
    public void IsRepartition_ByName(string topic, bool expected) => Assert.Equal(expected, InternalTopics.IsRepartition(topic));
}
