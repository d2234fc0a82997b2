using Aggregator.Streams.Dsl;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Streams.Tests.Topology;

public sealed class TopologyDescriptionTests
{
    private static Aggregator.Streams.Topology.Topology WordCount()
    {
        var builder = new StreamsBuilder();
        builder.Stream("words", Consumed<string, string>.With(S.String, S.String).WithName("words-source"))
            .GroupBy((_, w) => w, Grouped<string, string>.With(S.String, S.String).WithName("by-word"))
            .Count(Materialized<string, long>.As("word-counts"))
            .ToStream("counts-stream")
            .To("counts", Produced<string, long>.With(S.String, S.Long).WithName("counts-sink"));
        return builder.Build();
    }

    [Fact]
    public void Describe_ListsSubtopologiesNodesStoresAndInternalTopics()
    {
        var text = WordCount().Describe("wc").ToText();

        Assert.Contains("Sub-topology: 0", text);
        Assert.Contains("Source: words-source (topics: [words])", text);
        Assert.Contains("Sink: by-word-repartition-sink (topic: wc-by-word-repartition)", text);
        Assert.Contains("Sub-topology: 1", text);
        Assert.Contains("(stores: [word-counts])", text);
        Assert.Contains("Sink: counts-sink (topic: counts)", text);
        Assert.Contains("Changelog: wc-word-counts-changelog (one partition per task of sub-topology 1", text);
        Assert.Contains("Repartition: wc-by-word-repartition (as many partitions as the sources of sub-topology 0, read by 1)", text);
    }

    [Fact]
    public void Describe_IsDeterministic_AndHasAMermaidForm()
    {
        Assert.Equal(WordCount().Describe("wc").ToText(), WordCount().Describe("wc").ToText());
        var mermaid = WordCount().Describe("wc").ToMermaid();
        Assert.StartsWith("flowchart LR", mermaid);
        Assert.Contains("[(\"word-counts\")]", mermaid);
        Assert.Contains("([\"wc-by-word-repartition\"])", mermaid);
    }

    [Fact]
    public void PartitionPlanner_SizesRepartitionAndChangelogTopics_FromTheSources()
    {
        var plan = Aggregator.Streams.Topology.PartitionPlanner.Plan(WordCount(), "wc", new Dictionary<string, int> { ["words"] = 6 });

        Assert.Equal(6, plan.InternalTopicPartitions["wc-by-word-repartition"]);
        Assert.Equal(6, plan.InternalTopicPartitions["wc-word-counts-changelog"]);
        Assert.Equal(6, plan.TasksPerSubtopology[1]);
    }

    [Fact]
    public void PartitionPlanner_RejectsAMissingSourceTopic_WithItsName()
    {
        var error = Assert.Throws<Aggregator.Streams.Topology.TopologyException>(() =>
            Aggregator.Streams.Topology.PartitionPlanner.Plan(WordCount(), "wc", new Dictionary<string, int>()));
        Assert.Contains("'words'", error.Message);
    }
}
