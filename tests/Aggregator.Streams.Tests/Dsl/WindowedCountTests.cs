using Aggregator.Streams.Dsl;
using Aggregator.Streams.Testing;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Streams.Tests.Dsl;

public sealed class WindowedCountTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeWindows FiveMinutesHoppingByOne = TimeWindows.OfSizeAndGrace(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)).AdvanceBy(TimeSpan.FromMinutes(1));

    private static TopologyTestDriver Build(out TestInputTopic<string, string> input, out TestOutputTopic<string, long> output, bool suppress = false)
    {
        var builder = new StreamsBuilder();
        var table = builder.Stream("input", Consumed<string, string>.With(S.String, S.String))
            .GroupByKey()
            .WindowedBy(FiveMinutesHoppingByOne)
            .Count(Materialized<string, long>.As("counts"));
        if (suppress)
        {
            table = table.Suppress(Suppressed.UntilWindowCloses("final"));
        }

        table.ToStream()
            .SelectKey((windowed, _) => $"{windowed.Key}@{windowed.Window.Start:HH:mm}")
            .To("output", Produced<string, long>.With(S.String, S.Long));
        var driver = new TopologyTestDriver(builder.Build());
        input = driver.CreateInputTopic("input", S.String, S.String);
        output = driver.CreateOutputTopic("output", S.String, S.Long);
        return driver;
    }

    [Fact]
    public void Count_PutsEachRecordIntoAllFiveHoppingWindows()
    {
        using var driver = Build(out var input, out var output);

        input.PipeInput("a", "x", T0.AddSeconds(30));

        var updates = output.ReadKeyValuesToMap();
        Assert.Equal(
            new[] { "a@09:56", "a@09:57", "a@09:58", "a@09:59", "a@10:00" },
            updates.Keys.Order().ToArray());
        Assert.All(updates.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Count_AcceptsOutOfOrderRecords_WithinGrace()
    {
        using var driver = Build(out var input, out var output);

        input.PipeInput("a", "x", T0.AddMinutes(2));                 // stream time 10:02
        input.PipeInput("a", "x", T0.AddMinutes(5).AddSeconds(30));  // stream time 10:05:30
        input.PipeInput("a", "x", T0.AddSeconds(10));                // 5m20s out of order; [10:00,10:05) closes at 10:06

        var store = driver.GetWindowStore<string, long>("counts");
        Assert.True(store.TryFetch("a", T0.ToUnixTimeMilliseconds(), out var first));
        Assert.Equal(2, first);  // 10:00:10 and 10:02 (10:05:30 is past the window's end)
        Assert.True(store.TryFetch("a", T0.AddMinutes(1).ToUnixTimeMilliseconds(), out var second));
        Assert.Equal(2, second); // 10:02 and 10:05:30
        Assert.Equal(0, driver.LateRecordsDropped);
    }

    [Fact]
    public void Count_DropsAndCountsRecord_AfterGrace()
    {
        using var driver = Build(out var input, out _);

        input.PipeInput("a", "x", T0.AddMinutes(7));       // stream time 10:07: every window ending by 10:06 is closed
        input.PipeInput("a", "x", T0.AddSeconds(50));      // windows 09:56..10:00, all end <= 10:05

        Assert.Equal(1, driver.LateRecordsDropped);
        var store = driver.GetWindowStore<string, long>("counts");
        Assert.False(store.TryFetch("a", T0.ToUnixTimeMilliseconds(), out _));
    }

    [Fact]
    public void Count_UpdatesOnlyTheWindowsStillOpen_ForAPartlyLateRecord()
    {
        using var driver = Build(out var input, out _);

        input.PipeInput("a", "x", T0.AddMinutes(6).AddSeconds(30)); // stream time 10:06:30: close time 10:05:30
        input.PipeInput("a", "x", T0.AddMinutes(3));                 // windows 09:59..10:03; 09:59 and 10:00 ended by 10:05

        var store = driver.GetWindowStore<string, long>("counts");
        Assert.False(store.TryFetch("a", T0.AddMinutes(-1).ToUnixTimeMilliseconds(), out _));
        Assert.True(store.TryFetch("a", T0.AddMinutes(1).ToUnixTimeMilliseconds(), out var count));
        Assert.Equal(1, count);
        Assert.Equal(0, driver.LateRecordsDropped);
    }

    [Fact]
    public void Suppress_EmitsEachWindowExactlyOnce_WhenItCloses()
    {
        using var driver = Build(out var input, out var output, suppress: true);

        input.PipeInput("a", "x", T0.AddSeconds(30));
        input.PipeInput("a", "x", T0.AddSeconds(40));
        input.PipeInput("b", "x", T0.AddMinutes(1));
        Assert.True(output.IsEmpty);

        // 10:05 + 1 min grace: [10:00,10:05) and every earlier window close; later ones stay open.
        input.PipeInput("c", "x", T0.AddMinutes(6));
        var emitted = output.ReadKeyValuesToList();

        Assert.Equal(emitted.Count, emitted.Select(e => e.Key).Distinct().Count());
        Assert.Contains(new KeyValuePair<string, long>("a@10:00", 2), emitted);
        Assert.Contains(new KeyValuePair<string, long>("a@09:56", 2), emitted);
        Assert.Contains(new KeyValuePair<string, long>("b@10:00", 1), emitted);
        Assert.DoesNotContain(emitted, e => e.Key == "b@10:01");

        input.PipeInput("c", "x", T0.AddMinutes(6).AddSeconds(1));
        Assert.True(output.IsEmpty);
        input.PipeInput("c", "x", T0.AddMinutes(7));
        Assert.Contains(new KeyValuePair<string, long>("b@10:01", 1), output.ReadKeyValuesToList());
    }
}
