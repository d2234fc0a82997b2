using Aggregator.Streams.Dsl;
using Aggregator.Streams.Testing;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Streams.Tests.Dsl;

public sealed class AggregationTests
{
    [Fact]
    public void GroupBy_RepartitionsByTheNewKey_ThenCounts()
    {
        var builder = new StreamsBuilder();
        builder.Stream("words", Consumed<string, string>.With(S.String, S.String))
            .GroupBy((_, word) => word, Grouped<string, string>.With(S.String, S.String).WithName("by-word"))
            .Count(Materialized<string, long>.As("word-counts"))
            .ToStream()
            .To("counts", Produced<string, long>.With(S.String, S.Long));
        var topology = builder.Build();
        using var driver = new TopologyTestDriver(topology);
        var input = driver.CreateInputTopic("words", S.String, S.String);

        foreach (var word in new[] { "a", "b", "a", "a" })
        {
            input.PipeInput("doc-1", word, 1);
        }

        Assert.Equal(new Dictionary<string, long> { ["a"] = 3, ["b"] = 1 },
            driver.CreateOutputTopic("counts", S.String, S.Long).ReadKeyValuesToMap());
        Assert.Contains(topology.InternalTopics("test-app"), t => t.Name == "test-app-by-word-repartition");
        Assert.Equal(2, topology.Subtopologies.Count);
    }

    [Fact]
    public void Aggregate_And_Reduce_KeepARunningValuePerKey()
    {
        var builder = new StreamsBuilder();
        var grouped = builder.Stream("amounts", Consumed<string, long>.With(S.String, S.Long)).GroupByKey();
        grouped.Aggregate(() => "", (_, v, agg) => agg + v, Materialized<string, string>.As("concat").WithValueSerde(S.String))
            .ToStream().To("concat", Produced<string, string>.With(S.String, S.String));
        grouped.Reduce(Math.Max, Materialized<string, long>.As("max"))
            .ToStream().To("max", Produced<string, long>.With(S.String, S.Long));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("amounts", S.String, S.Long);

        input.PipeInput("a", 3, 1);
        input.PipeInput("a", 7, 2);
        input.PipeInput("a", 5, 3);

        Assert.Equal("375", driver.CreateOutputTopic("concat", S.String, S.String).ReadKeyValuesToMap()["a"]);
        Assert.Equal(7, driver.CreateOutputTopic("max", S.String, S.Long).ReadKeyValuesToMap()["a"]);
        Assert.True(driver.GetKeyValueStore<string, long>("max").TryGet("a", out var max));
        Assert.Equal(7, max);
    }

    [Fact]
    public void CachedTable_EmitsTheLatestValueOnce_PerCommit()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed<string, string>.With(S.String, S.String)).GroupByKey().Count(Materialized<string, long>.As("c"))
            .ToStream().To("out", Produced<string, long>.With(S.String, S.Long));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", S.String, S.String);

        input.PipeInput("a", "x", 1);
        input.PipeInput("a", "x", 2);

        // The driver commits after every record, so each update is visible, in order.
        Assert.Equal([1L, 2L], driver.CreateOutputTopic("out", S.String, S.Long).ReadRecordsToList().Select(r => r.Value));
    }

    [Fact]
    public void WindowStore_ForgetsClosedWindows_AfterTheDefaultRetention()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed<string, long>.With(S.String, S.Long)).GroupByKey()
            .WindowedBy(TimeWindows.OfSizeWithNoGrace(TimeSpan.FromMinutes(1)))
            .Reduce((a, b) => a + b, Materialized<string, long>.As("sums"));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", S.String, S.Long);

        input.PipeInput("k", 1, 10_000);
        input.PipeInput("k", 4, 70_000);

        // Retention defaults to size + grace: [0, 60 000) can no longer change, so it is gone.
        Assert.Equal([new KeyValuePair<long, long>(60_000, 4)], driver.GetWindowStore<string, long>("sums").Fetch("k", 0, 60_000));
    }

    [Fact]
    public void TumblingWindowedReduce_KeepsWindowsApart()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed<string, long>.With(S.String, S.Long)).GroupByKey()
            .WindowedBy(TimeWindows.OfSizeWithNoGrace(TimeSpan.FromMinutes(1)))
            .Reduce((a, b) => a + b, Materialized<string, long>.As("sums").WithRetention(TimeSpan.FromMinutes(10)));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", S.String, S.Long);

        input.PipeInput("k", 1, 10_000);
        input.PipeInput("k", 2, 50_000);
        input.PipeInput("k", 4, 70_000);

        var store = driver.GetWindowStore<string, long>("sums");
        Assert.Equal([new KeyValuePair<long, long>(0, 3), new KeyValuePair<long, long>(60_000, 4)], store.Fetch("k", 0, 60_000));
    }
}
