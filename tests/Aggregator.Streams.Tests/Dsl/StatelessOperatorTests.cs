using Aggregator.Streams.Dsl;
using Aggregator.Streams.Testing;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Streams.Tests.Dsl;

public sealed class StatelessOperatorTests
{
    private static (TopologyTestDriver Driver, TestInputTopic<string, string> Input) Run(Action<KStream<string, string>> build)
    {
        var builder = new StreamsBuilder();
        build(builder.Stream("in", Consumed<string, string>.With(S.String, S.String)));
        var driver = new TopologyTestDriver(builder.Build());
        return (driver, driver.CreateInputTopic("in", S.String, S.String));
    }

    [Fact]
    public void Filter_And_FilterNot_KeepComplementaryRecords()
    {
        var (driver, input) = Run(stream =>
        {
            stream.Filter((_, v) => v.StartsWith('k')).To("kept");
            stream.FilterNot((_, v) => v.StartsWith('k')).To("rest");
        });
        using var _ = driver;
        foreach (var value in new[] { "keep", "drop", "kite" })
        {
            input.PipeInput("k", value, 1);
        }

        Assert.Equal(["keep", "kite"], driver.CreateOutputTopic("kept", S.String, S.String).ReadRecordsToList().Select(r => r.Value));
        Assert.Equal(["drop"], driver.CreateOutputTopic("rest", S.String, S.String).ReadRecordsToList().Select(r => r.Value));
    }

    [Fact]
    public void Map_MapValues_SelectKey_TransformAndKeepTimestamps()
    {
        var (driver, input) = Run(stream =>
        {
            stream.Map((k, v) => new KeyValuePair<string, string>(v, k)).To("swapped", Produced<string, string>.With(S.String, S.String));
            stream.MapValues(v => v.ToUpperInvariant()).To("upper");
            stream.SelectKey((_, v) => v.Length).To("by-length", Produced<int, string>.With(S.Int, S.String));
        });
        using var _ = driver;
        input.PipeInput("key", "value", 1234);

        var swapped = driver.CreateOutputTopic("swapped", S.String, S.String).ReadRecord();
        Assert.Equal(("value", "key", 1234L), (swapped.Key, swapped.Value, swapped.Timestamp));
        Assert.Equal("VALUE", driver.CreateOutputTopic("upper", S.String, S.String).ReadValue());
        Assert.Equal(5, driver.CreateOutputTopic("by-length", S.Int, S.String).ReadRecord().Key);
    }

    [Fact]
    public void FlatMap_And_FlatMapValues_EmitZeroOrMoreRecords()
    {
        var (driver, input) = Run(stream =>
        {
            stream.FlatMapValues(v => v.Split(' ')).To("words");
            stream.FlatMap((k, v) => v.Split(' ').Select(w => new KeyValuePair<string, string>(w, k)))
                .To("by-word", Produced<string, string>.With(S.String, S.String));
        });
        using var _ = driver;
        input.PipeInput("doc", "a b c", 1);
        input.PipeInput("empty", string.Empty, 2);

        Assert.Equal(["a", "b", "c", string.Empty], driver.CreateOutputTopic("words", S.String, S.String).ReadRecordsToList().Select(r => r.Value));
        Assert.Equal(["a", "b", "c", string.Empty], driver.CreateOutputTopic("by-word", S.String, S.String).ReadRecordsToList().Select(r => r.Key));
    }

    [Fact]
    public void Split_SendsEachRecordToTheFirstMatchingBranch_OrTheDefault()
    {
        var (driver, input) = Run(stream =>
        {
            var branches = stream.Split("route-")
                .Branch((_, v) => v.Contains('a'), "with-a")
                .Branch((_, v) => v.Contains('b'), "with-b")
                .DefaultBranch("other");
            branches["route-with-a"].To("a");
            branches["route-with-b"].To("b");
            branches["route-other"].To("other");
        });
        using var _ = driver;
        foreach (var value in new[] { "ab", "b", "c" })
        {
            input.PipeInput("k", value, 1);
        }

        Assert.Equal(["ab"], driver.CreateOutputTopic("a", S.String, S.String).ReadRecordsToList().Select(r => r.Value));
        Assert.Equal(["b"], driver.CreateOutputTopic("b", S.String, S.String).ReadRecordsToList().Select(r => r.Value));
        Assert.Equal(["c"], driver.CreateOutputTopic("other", S.String, S.String).ReadRecordsToList().Select(r => r.Value));
    }

    [Fact]
    public void Peek_SeesEveryRecord_And_Merge_InterleavesStreams()
    {
        var seen = new List<string>();
        var builder = new StreamsBuilder();
        var left = builder.Stream("left", Consumed<string, string>.With(S.String, S.String));
        var right = builder.Stream("right", Consumed<string, string>.With(S.String, S.String));
        left.Merge(right).Peek((_, v) => seen.Add(v)).To("merged");
        using var driver = new TopologyTestDriver(builder.Build());
        driver.CreateInputTopic("left", S.String, S.String).PipeInput("k", "1", 1);
        driver.CreateInputTopic("right", S.String, S.String).PipeInput("k", "2", 2);

        Assert.Equal(["1", "2"], seen);
        Assert.Equal(["1", "2"], driver.CreateOutputTopic("merged", S.String, S.String).ReadRecordsToList().Select(r => r.Value));
    }

    [Fact]
    public void Source_SkipsAndCounts_UndeserializableRecords_AndContinues()
    {
        var builder = new StreamsBuilder();
        builder.Stream("numbers", Consumed<string, long>.With(S.String, S.Long)).MapValues(v => v * 2).To("doubled");
        using var driver = new TopologyTestDriver(builder.Build());

        driver.PipeRaw("numbers", "k"u8.ToArray(), "not-8-bytes"u8.ToArray(), 1);
        driver.CreateInputTopic("numbers", S.String, S.Long).PipeInput("k", 21, 2);

        Assert.Equal(1, driver.SkippedRecords);
        Assert.Equal([42L], driver.CreateOutputTopic("doubled", S.String, S.Long).ReadRecordsToList().Select(r => r.Value));
    }

    [Fact]
    public void Source_SendsUndeserializableRecords_ToTheDeadLetterTopic_WithTheReason()
    {
        var builder = new StreamsBuilder();
        builder.Stream("numbers", Consumed<string, long>.With(S.String, S.Long)).To("out");
        using var driver = new TopologyTestDriver(builder.Build(), new TopologyTestDriverOptions { DeadLetterTopic = "dead" });

        driver.PipeRaw("numbers", "k"u8.ToArray(), "bad"u8.ToArray(), 1);

        var dead = driver.CreateOutputTopic("dead", S.String, S.String).ReadRecord();
        Assert.Equal("bad", dead.Value);
        Assert.Equal("undeserializable_value", System.Text.Encoding.UTF8.GetString(dead.Headers.GetLastBytes("dlq.reason")));
        Assert.Equal("numbers", System.Text.Encoding.UTF8.GetString(dead.Headers.GetLastBytes("dlq.source.topic")));
    }
}
