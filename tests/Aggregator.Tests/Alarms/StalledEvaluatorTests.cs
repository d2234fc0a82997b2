using Aggregator.Alarms;
using static Aggregator.Tests.Alarms.AlarmTestData;

namespace Aggregator.Tests.Alarms;

public sealed class StalledEvaluatorTests
{
    private static readonly StalledRule Rule = new() { StalledAfter = TimeSpan.FromMinutes(5), Cooldown = TimeSpan.FromMinutes(10) };

    [Fact]
    public void FiresWhenNoInputForStalledAfter()
    {
        var (state, transition) = StalledEvaluator.Evaluate(Rule, AlarmState.Initial, lastInputAtMs: At(0), nowMs: At(4.99));
        Assert.Null(transition);

        (state, transition) = StalledEvaluator.Evaluate(Rule, state, At(0), At(5));

        Assert.NotNull(transition);
        Assert.Equal((AlarmTransitionKind.Fired, AlarmSource.PipelineStalled, AlarmSeverity.Critical), (transition.Kind, transition.Source, transition.Severity));
        Assert.Equal((At(0), At(5), TimeSpan.FromMinutes(5)), (transition.LastInputAt!.Value, transition.At, transition.StalledAfter!.Value));
        Assert.Equal((AlarmStatus.Firing, At(0), At(0) / Minute), (state.Status, state.ConditionSince!.Value, state.Incident));
    }

    [Fact]
    public void NoRepeatWhileStalled_ResolveOnceWhenInputResumes()
    {
        var (state, _) = StalledEvaluator.Evaluate(Rule, AlarmState.Initial, At(0), At(6));

        var (still, none) = StalledEvaluator.Evaluate(Rule, state, At(0), At(30));
        Assert.Null(none);
        Assert.Same(state, still);

        var (resolved, transition) = StalledEvaluator.Evaluate(Rule, state, At(31), At(31.5));
        Assert.NotNull(transition);
        Assert.Equal((AlarmTransitionKind.Resolved, At(31), At(0), At(6)), (transition.Kind, transition.LastInputAt!.Value, transition.SilentSince!.Value, transition.FiringSince));
        Assert.Equal(state.Incident, transition.Incident);

        Assert.Null(StalledEvaluator.Evaluate(Rule, resolved, At(32), At(33)).Transition);
    }

    [Fact]
    public void Cooldown_DelaysTheNextFire()
    {
        var (state, _) = StalledEvaluator.Evaluate(Rule, AlarmState.Initial, At(0), At(6));
        (state, _) = StalledEvaluator.Evaluate(Rule, state, At(7), At(7));

        Assert.Null(StalledEvaluator.Evaluate(Rule, state, At(8), At(16)).Transition);
        var (_, transition) = StalledEvaluator.Evaluate(Rule, state, At(8), At(17));
        Assert.Equal(AlarmTransitionKind.Fired, transition!.Kind);
        Assert.Equal(At(8) / Minute, transition.Incident);
    }

    [Fact]
    public void SameInputs_SameResult()
    {
        var (state, first) = StalledEvaluator.Evaluate(Rule, AlarmState.Initial, At(0), At(6));
        var (again, second) = StalledEvaluator.Evaluate(Rule, state, At(0), At(6));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(Json(state), Json(again));
    }

    [Fact]
    public void ClockBehindTheLastInput_IsNotAStall()
    {
        Assert.Null(StalledEvaluator.Evaluate(Rule, AlarmState.Initial, At(10), At(0)).Transition);
    }
}
