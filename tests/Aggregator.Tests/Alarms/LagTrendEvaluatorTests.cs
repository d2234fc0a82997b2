using Aggregator.Alarms;
using static Aggregator.Tests.Alarms.AlarmTestData;

namespace Aggregator.Tests.Alarms;

public sealed class LagTrendEvaluatorTests
{
    private static readonly LagGrowingRule Rule = new() { LagWindow = TimeSpan.FromMinutes(5), MinLag = 1000, MinSamples = 3 };

    /// <summary>One sample a minute, at minutes 0..lags.Length-1.</summary>
    private static PartitionLagSeries Series(string partition, params long[] lags) =>
        new(partition, [.. lags.Select((lag, i) => new LagSample(At(i), lag))]);

    private static List<PartitionLagSeries> SixPartitions(params (int Partition, long[] Lags)[] overrides)
    {
        var series = Enumerable.Range(0, 6).Select(p => Series($"activity.raw-{p}", 50, 40, 60, 45, 50, 55)).ToList();
        foreach (var (partition, lags) in overrides)
        {
            series[partition] = Series($"activity.raw-{partition}", lags);
        }

        return series;
    }

    [Fact]
    public void GrowingOnTwoOfSix_NamesExactlyThose()
    {
        var partitions = SixPartitions((4, [900, 1500, 2500, 4000, 6000, 9000]), (1, [100, 300, 300, 800, 1200, 2000]));

        var (state, transition) = LagTrendEvaluator.Evaluate(Rule, AlarmState.Initial, partitions, At(5));

        Assert.NotNull(transition);
        Assert.Equal([new PartitionLag("activity.raw-1", 2000), new PartitionLag("activity.raw-4", 9000)], transition.Partitions);
        Assert.Equal((6, AlarmSource.LagGrowing, AlarmTransitionKind.Fired), (transition.PartitionsObserved, transition.Source, transition.Kind));
        Assert.Equal(["activity.raw-1", "activity.raw-4"], state.Partitions);
        Assert.Equal((9000L, At(0)), (state.LastValue!.Value, state.ConditionSince!.Value));
    }

    [Theory]
    [InlineData(new long[] { 1000, 2000, 1900, 3000, 4000, 5000 })] // dipped once: the consumer is making progress
    [InlineData(new long[] { 5000, 5000, 5000, 5000, 5000, 5000 })] // flat: not growing
    [InlineData(new long[] { 10, 20, 30, 40, 50, 999 })]            // growing but below MinLag
    public void NotGrowing(long[] lags)
    {
        Assert.Empty(LagTrendEvaluator.Growing(Rule, [Series("p-0", lags)], At(5)));
    }

    [Fact]
    public void OnlySamplesInsideTheWindowCount()
    {
        // An old dip (minute 0) is outside the 5-minute window ending at minute 6.
        Assert.Single(LagTrendEvaluator.Growing(Rule, [Series("p-0", 5000, 100, 2000, 3000, 4000, 5000, 6000)], At(6)));
        Assert.Empty(LagTrendEvaluator.Growing(Rule, [Series("p-0", 5000, 100, 2000, 3000, 4000, 5000, 6000)], At(5)));
    }

    [Fact]
    public void TooFewSamples_OrTooShortASpan_IsNotATrend()
    {
        Assert.Empty(LagTrendEvaluator.Growing(Rule, [Series("p-0", 1000, 5000)], At(1)));

        var burst = new PartitionLagSeries("p-0", [new(At(4), 1000), new(At(4.5), 3000), new(At(4.9), 9000)]);
        Assert.Empty(LagTrendEvaluator.Growing(Rule, [burst], At(5))); // 54 s of samples in a 5-minute window

        var unordered = new PartitionLagSeries("p-0", [new(At(3), 3000), new(At(0), 1000), new(At(1.5), 2000)]);
        Assert.Single(LagTrendEvaluator.Growing(Rule, [unordered], At(3)));
    }

    [Fact]
    public void NoRepeatWhileGrowing_RemembersNewPartitions_ResolvesOnce()
    {
        var growing = SixPartitions((4, [900, 1500, 2500, 4000, 6000, 9000]));
        var (state, _) = LagTrendEvaluator.Evaluate(Rule, AlarmState.Initial, growing, At(5));

        var more = SixPartitions((4, [900, 1500, 2500, 4000, 6000, 9000]), (0, [1000, 2000, 3000, 4000, 5000, 6000]));
        (state, var none) = LagTrendEvaluator.Evaluate(Rule, state, more, At(5));
        Assert.Null(none);
        Assert.Equal(["activity.raw-0", "activity.raw-4"], state.Partitions);

        var calm = SixPartitions();
        var (resolved, transition) = LagTrendEvaluator.Evaluate(Rule, state, calm, At(5));
        Assert.NotNull(transition);
        Assert.Equal(AlarmTransitionKind.Resolved, transition.Kind);
        Assert.Equal([new PartitionLag("activity.raw-0", 55), new PartitionLag("activity.raw-4", 55)], transition.Partitions);
        Assert.Equal(state.Incident, transition.Incident);
        Assert.Null(LagTrendEvaluator.Evaluate(Rule, resolved, calm, At(5)).Transition);
    }

    [Fact]
    public void Cooldown_AppliesAfterAResolve()
    {
        var growing = SixPartitions((2, [900, 1500, 2500, 4000, 6000, 9000]));
        var (state, _) = LagTrendEvaluator.Evaluate(Rule, AlarmState.Initial, growing, At(5));
        (state, _) = LagTrendEvaluator.Evaluate(Rule, state, SixPartitions(), At(5));

        var later = new PartitionLagSeries("activity.raw-2", [.. Enumerable.Range(0, 6).Select(i => new LagSample(At(10 + i), 1000 + (i * 1000)))]);
        Assert.Null(LagTrendEvaluator.Evaluate(Rule, state, [later], At(14.9)).Transition);
        Assert.NotNull(LagTrendEvaluator.Evaluate(Rule, state, [later], At(15)).Transition);
    }

    [Fact]
    public void PartitionNames_SortNaturally()
    {
        string[] names = ["activity.raw-10", "activity.raw-2", "activity.raw-1", "activity.raw-02b", "a", "activity.raw-"];

        Assert.Equal(
            ["a", "activity.raw-", "activity.raw-1", "activity.raw-2", "activity.raw-02b", "activity.raw-10"],
            names.Order(PartitionNameComparer.Instance));
    }
}
