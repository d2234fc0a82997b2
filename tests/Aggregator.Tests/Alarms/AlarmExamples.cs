using Aggregator.Alarms;
using static Aggregator.Tests.Alarms.AlarmTestData;

namespace Aggregator.Tests.Alarms;

/// <summary>Transitions produced by the evaluators from realistic inputs (also the README's examples).</summary>
internal static class AlarmExamples
{
    /// <summary>The /checkout error burst of <see cref="HoppingWindowFeed.Burst"/>: fired at 10:12, resolved at 10:19.</summary>
    public static (AlarmTransition Fired, AlarmTransition Resolved) CheckoutBurst()
    {
        var (_, transitions) = Run(AboveRule(1000), AlarmState.Initial, HoppingWindowFeed.Observations(HoppingWindowFeed.Burst()));
        return (transitions[0], transitions[1]);
    }

    /// <summary>Lag growing on partitions 1 and 4 of six.</summary>
    public static (AlarmTransition Fired, AlarmTransition Resolved) LagOnTwoPartitions()
    {
        var rule = new LagGrowingRule { Runbook = "https://runbooks.example.com/lag" };
        List<PartitionLagSeries> Partitions(Func<int, int, long> lag) =>
            [.. Enumerable.Range(0, 6).Select(p => new PartitionLagSeries($"activity.raw-{p}", [.. Enumerable.Range(0, 6).Select(i => new LagSample(At(i), lag(p, i)))]))];

        var growing = Partitions((p, i) => p is 1 or 4 ? 2_000 + (i * (p * 1_500)) : 40 + (i % 2 * 15));
        var (state, fired) = LagTrendEvaluator.Evaluate(rule, AlarmState.Initial, growing, At(5));
        var calm = Partitions((p, i) => 60 - i);
        var (_, resolved) = LagTrendEvaluator.Evaluate(rule, state, calm, At(17));
        return (fired!, resolved!);
    }

    /// <summary>No input from 10:02:13 until 10:09:40.</summary>
    public static (AlarmTransition Fired, AlarmTransition Resolved) Stall()
    {
        var rule = new StalledRule();
        var lastInput = At(2) + 13_000;
        var (state, fired) = StalledEvaluator.Evaluate(rule, AlarmState.Initial, lastInput, lastInput + (5 * Minute) + 5_000);
        var (_, resolved) = StalledEvaluator.Evaluate(rule, state, At(9) + 40_000, At(9) + 45_000);
        return (fired!, resolved!);
    }
}
