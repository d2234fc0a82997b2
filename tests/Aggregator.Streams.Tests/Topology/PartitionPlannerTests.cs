using Aggregator.Streams.Dsl;
using Aggregator.Streams.Topology;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Streams.Tests.Topology;

public sealed class PartitionPlannerTests
{
    [Fact]
    public void ExplicitRepartitionCount_WinsOverTheSources()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed<string, string>.With(S.String, S.String))
            .Repartition(Repartitioned<string, string>.As("single").WithNumberOfPartitions(1))
            .GroupByKey().Count(Materialized<string, long>.As("c"));
        var plan = PartitionPlanner.Plan(builder.Build(), "app", new Dictionary<string, int> { ["in"] = 8 });

        Assert.Equal(1, plan.InternalTopicPartitions["app-single-repartition"]);
        Assert.Equal(1, plan.InternalTopicPartitions["app-c-changelog"]);
        Assert.Equal(8, plan.TasksPerSubtopology[0]);
    }

    [Fact]
    public void JoiningTopicsWithDifferentPartitionCounts_IsRejected_NamingBoth()
    {
        var builder = new StreamsBuilder();
        var table = builder.Table("users", Consumed<string, string>.With(S.String, S.String), Materialized<string, string>.As("u"));
        builder.Stream("clicks", Consumed<string, string>.With(S.String, S.String)).Join(table, (a, b) => a + b).To("out");

        var error = Assert.Throws<TopologyException>(() =>
            PartitionPlanner.Plan(builder.Build(), "app", new Dictionary<string, int> { ["users"] = 3, ["clicks"] = 6 }));
        Assert.Contains("users (3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("clicks (6)", error.Message, StringComparison.Ordinal);
    }
}
