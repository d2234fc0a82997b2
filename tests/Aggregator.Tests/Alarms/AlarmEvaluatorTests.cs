using Aggregator.Alarms;
using static Aggregator.Tests.Alarms.AlarmTestData;

namespace Aggregator.Tests.Alarms;

/// <summary>The threshold state machine; see <see cref="AlarmEvaluator"/> for the semantics these pin down.</summary>
public sealed class AlarmEvaluatorTests
{
    // ---- Above: fires as soon as a window exceeds, open or closed ----

    [Fact]
    public void Above_FiresOnAnOpenWindow_AsSoonAsItsCountExceeds()
    {
        var rule = AboveRule(1000);

        var (state, transitions) = Run(rule, Open(0, 400), Open(0, 1000), Open(0, 1001, seenAt: 2.5));

        var fired = Assert.Single(transitions);
        Assert.Equal(AlarmTransitionKind.Fired, fired.Kind);
        Assert.Equal((1001L, 1000L, AlarmDirection.Above, false), (fired.Value!.Value, fired.Threshold!.Value, fired.Direction!.Value, fired.WindowClosed));
        Assert.Equal((At(0), At(5), At(2.5)), (fired.WindowStart!.Value, fired.WindowEnd!.Value, fired.At));
        Assert.Equal((AlarmStatus.Firing, At(2.5), At(0)), (state.Status, state.FiringSince!.Value, state.ConditionSince!.Value));
    }

    [Fact]
    public void Above_AlsoFiresOnAClosedWindow()
    {
        var (_, transitions) = Run(AboveRule(1000), Closed(0, 1500));

        Assert.True(Assert.Single(transitions).WindowClosed);
    }

    [Fact]
    public void Above_ExactlyAtTheThreshold_IsNotABreach()
    {
        var (state, transitions) = Run(AboveRule(1000), Open(0, 1000), Closed(0, 1000));

        Assert.Empty(transitions);
        Assert.Equal(AlarmStatus.Ok, state.Status);
    }

    [Fact]
    public void AboveZero_FiresOnTheFirstMatch()
    {
        Assert.Single(Run(AboveRule(0), Open(0, 1)).Transitions);
    }

    // ---- For = N: consecutive windows by start ----

    [Fact]
    public void For3_FiresOnTheThirdConsecutiveBreachingWindow()
    {
        var rule = AboveRule(100, @for: 3);

        var (state, transitions) = Run(rule, Open(0, 150), Open(1, 120), Open(0, 160));
        Assert.Empty(transitions);
        Assert.Equal(2, state.ConsecutiveBreaches);

        (state, var transition) = AlarmEvaluator.Evaluate(rule, state, Open(2, 101));

        Assert.NotNull(transition);
        Assert.Equal((3, 101L, At(2)), (transition.Windows, transition.Value!.Value, transition.WindowStart!.Value));
        Assert.Equal(At(0), state.ConditionSince); // the condition began with the first window of the run
        Assert.Equal(3, state.ConsecutiveBreaches);
        Assert.Equal(160, state.PeakValue);
    }

    [Fact]
    public void For2_AClearWindowBreaksTheRun()
    {
        var rule = AboveRule(100, @for: 2);

        var (_, transitions) = Run(rule, Closed(0, 150), Closed(1, 90), Open(2, 150));
        Assert.Empty(transitions);

        Assert.Single(Run(rule, Closed(0, 150), Closed(1, 90), Open(2, 150), Open(3, 150)).Transitions);
    }

    [Fact]
    public void For2_AMissingWindowIsNotConsecutive_UntilItBreaches()
    {
        var rule = AboveRule(100, @for: 2);

        var (state, transitions) = Run(rule, Open(0, 150), Open(2, 150), Open(1, 50));
        Assert.Empty(transitions); // window 1 is open and below: the run 0–2 is not (yet) consecutive

        (_, var transition) = AlarmEvaluator.Evaluate(rule, state, Open(1, 101));
        Assert.NotNull(transition);
    }

    [Fact]
    public void For2_WindowsOfAnotherAdvanceAreNotConsecutive()
    {
        var rule = AboveRule(100, @for: 2);

        // Starts two minutes apart with a one-minute advance: something in between was never observed.
        Assert.Empty(Run(rule, Closed(0, 150), Closed(2, 150)).Transitions);
    }

    // ---- Below: judged only on closed windows ----

    [Fact]
    public void Below_NeverFiresOnAnOpenWindow()
    {
        var rule = BelowRule(10);

        var (state, transitions) = Run(rule, Open(0, 0), Open(0, 3), Open(1, 0));

        Assert.Empty(transitions);
        Assert.Equal(AlarmStatus.Ok, state.Status);
    }

    [Fact]
    public void Below_FiresWhenAClosedWindowIsBelow()
    {
        var (state, transitions) = Run(BelowRule(10), Open(0, 3), Closed(0, 9));

        var fired = Assert.Single(transitions);
        Assert.Equal((AlarmDirection.Below, 9L, 10L, true), (fired.Direction!.Value, fired.Value!.Value, fired.Threshold!.Value, fired.WindowClosed));
        Assert.Equal(AlarmDirection.Below, state.Direction);
    }

    [Fact]
    public void Below_For2_NeedsTwoConsecutiveClosedWindows()
    {
        var rule = BelowRule(10, @for: 2);

        Assert.Empty(Run(rule, Closed(0, 0), Open(1, 0)).Transitions);
        Assert.Single(Run(rule, Closed(0, 0), Open(1, 0), Closed(1, 2)).Transitions);
        Assert.Empty(Run(rule, Closed(0, 0), Closed(1, 10), Closed(2, 0)).Transitions);
    }

    [Fact]
    public void AboveAndBelow_FireOnEitherSide_ResolveInsideTheBand()
    {
        var rule = AboveRule(1000, below: 10);

        var (state, transitions) = Run(rule, Closed(0, 5), Closed(1, 500));
        Assert.Equal([AlarmTransitionKind.Fired, AlarmTransitionKind.Resolved], transitions.Select(t => t.Kind));
        Assert.Equal(AlarmDirection.Below, transitions[0].Direction);

        (_, transitions) = Run(rule, state, [Open(12, 2000, seenAt: 30)]);
        Assert.Equal(AlarmDirection.Above, Assert.Single(transitions).Direction);
    }

    // ---- Resolve ----

    [Fact]
    public void Above_ResolvesOnAClosedWindowNotAbove_AfterEveryBreachingWindow()
    {
        var rule = AboveRule(1000);

        var (state, transitions) = Run(rule,
            Open(0, 1500, seenAt: 1),
            Open(1, 1200, seenAt: 2),
            Closed(0, 2000, seenAt: 6),
            Closed(1, 1100, seenAt: 7),
            Open(2, 300, seenAt: 7),
            Closed(2, 900, seenAt: 8));

        Assert.Equal([AlarmTransitionKind.Fired, AlarmTransitionKind.Resolved], transitions.Select(t => t.Kind));
        var resolved = transitions[1];
        Assert.Equal((900L, 1000L, At(2), true), (resolved.Value!.Value, resolved.Threshold!.Value, resolved.WindowStart!.Value, resolved.WindowClosed));
        Assert.Equal((2000L, At(1), At(8)), (resolved.Peak!.Value, resolved.FiringSince, resolved.At));
        Assert.Equal(TimeSpan.FromMinutes(7), resolved.Duration);
        Assert.Equal(transitions[0].Incident, resolved.Incident);
        Assert.Equal((AlarmStatus.Ok, At(8)), (state.Status, state.LastResolvedAt!.Value));
    }

    [Fact]
    public void Above_AnEarlierWindowClosingClear_DoesNotResolve()
    {
        // The burst began at minute 4: window 3 fires while open; window 0 (which barely saw the burst) then closes clear.
        var (state, transitions) = Run(AboveRule(1000), Open(3, 1500, seenAt: 4.5), Closed(0, 400, seenAt: 6));

        Assert.Single(transitions);
        Assert.Equal(AlarmStatus.Firing, state.Status);
    }

    [Fact]
    public void Above_ResolveIsHeldBack_WhileALaterWindowIsStillAbove()
    {
        var rule = AboveRule(1000);

        var (state, transitions) = Run(rule, Open(0, 1500), Open(2, 1200), Closed(1, 100));
        Assert.Single(transitions); // window 1 closes clear, but window 2 (later, still open) is above: the burst goes on

        (_, transitions) = Run(rule, state, [Closed(2, 1300), Closed(3, 200)]);
        Assert.Equal(AlarmTransitionKind.Resolved, Assert.Single(transitions).Kind);
    }

    [Fact]
    public void Below_ResolvesOnAClosedWindowNotBelow()
    {
        var (_, transitions) = Run(BelowRule(10), Closed(0, 2), Open(1, 5), Closed(1, 10));

        Assert.Equal([AlarmTransitionKind.Fired, AlarmTransitionKind.Resolved], transitions.Select(t => t.Kind));
        Assert.Equal(10, transitions[1].Value);
        Assert.Equal(2, transitions[1].Peak); // the lowest count of the incident
    }

    [Fact]
    public void Resolve_IsProducedOnce()
    {
        var (_, transitions) = Run(AboveRule(1000), Open(0, 1500), Closed(0, 1500), Closed(1, 10), Closed(2, 10), Closed(3, 5), Closed(1, 10));

        Assert.Equal([AlarmTransitionKind.Fired, AlarmTransitionKind.Resolved], transitions.Select(t => t.Kind));
    }

    // ---- No repeat while firing ----

    [Fact]
    public void NoRepeat_WhileFiring_HoweverManyWindowsBreach()
    {
        var rule = AboveRule(1000);
        var observations = Enumerable.Range(0, 20).SelectMany(m => new[] { Open(m, 1200 + m), Closed(m, 1500 + (m * 10)) });

        var (state, transitions) = Run(rule, AlarmState.Initial, observations);

        Assert.Single(transitions);
        Assert.Equal(AlarmStatus.Firing, state.Status);
        Assert.Equal(1690, state.PeakValue);
    }

    // ---- Cooldown ----

    [Fact]
    public void Cooldown_NoNewFireWithinIt_AfterAResolve()
    {
        var rule = AboveRule(1000, cooldown: TimeSpan.FromMinutes(10));
        var (state, transitions) = Run(rule, Open(0, 1500, seenAt: 1), Closed(1, 10, seenAt: 7));
        Assert.Equal(2, transitions.Count); // fired, resolved at minute 7

        (state, transitions) = Run(rule, state, [Open(8, 5000, seenAt: 9), Open(9, 5000, seenAt: 16.9)]);
        Assert.Empty(transitions);
        Assert.Equal(AlarmStatus.Ok, state.Status);

        // Ten minutes after the resolve the breach still stands: the next observation fires.
        (_, transitions) = Run(rule, state, [Open(10, 100, seenAt: 17)]);
        var fired = Assert.Single(transitions);
        Assert.Equal((AlarmTransitionKind.Fired, At(9), 5000L), (fired.Kind, fired.WindowStart!.Value, fired.Value!.Value));
    }

    [Fact]
    public void Cooldown_ABreachThatClearedDuringIt_DoesNotFireAfterwards()
    {
        var rule = AboveRule(1000, cooldown: TimeSpan.FromMinutes(10));
        var (state, _) = Run(rule, Open(0, 1500, seenAt: 1), Closed(1, 10, seenAt: 7));

        var (_, transitions) = Run(rule, state, [Open(8, 5000, seenAt: 9), Closed(9, 10, seenAt: 15), Open(10, 10, seenAt: 30)]);

        Assert.Empty(transitions);
    }

    [Fact]
    public void Cooldown_IsMeasuredOnObservationTime_NotWindowTime()
    {
        var rule = AboveRule(1000, cooldown: TimeSpan.FromMinutes(10));
        var (state, _) = Run(rule, Open(0, 1500, seenAt: 1), Closed(1, 10, seenAt: 7));

        // A window starting much later, but observed only a minute after the resolve (a fast replay of event time).
        Assert.Empty(Run(rule, state, [Open(60, 5000, seenAt: 8)]).Transitions);
        Assert.Single(Run(rule, state, [Open(60, 5000, seenAt: 17)]).Transitions);
    }

    [Fact]
    public void ZeroCooldown_FiresAgainRightAway()
    {
        var rule = AboveRule(1000, cooldown: TimeSpan.Zero);

        var (_, transitions) = Run(rule, Open(0, 1500, seenAt: 1), Closed(1, 10, seenAt: 7), Open(2, 1500, seenAt: 7));

        Assert.Equal([AlarmTransitionKind.Fired, AlarmTransitionKind.Resolved, AlarmTransitionKind.Fired], transitions.Select(t => t.Kind));
        Assert.True(transitions[2].Incident > transitions[0].Incident);
    }

    // ---- Incidents ----

    [Fact]
    public void Incident_IsTheMinuteTheConditionBegan_AndAlwaysIncreases()
    {
        var rule = AboveRule(1000, cooldown: TimeSpan.Zero);

        var (state, transitions) = Run(rule, Open(0, 1500), Closed(1, 10, seenAt: 7), Open(2, 1500, seenAt: 8));

        Assert.Equal(At(0) / Minute, transitions[0].Incident);
        Assert.Equal(At(2) / Minute, transitions[2].Incident);

        var ahead = AlarmState.Initial with { Incident = At(50) / Minute };
        (_, transitions) = Run(rule, ahead, [Open(0, 1500)]);
        Assert.Equal((At(50) / Minute) + 1, Assert.Single(transitions).Incident);
        Assert.Equal(AlarmStatus.Firing, state.Status);
    }

    // ---- Idempotence, order, restarts ----

    [Fact]
    public void ReEvaluatingTheSameObservation_ChangesNothing()
    {
        var rule = AboveRule(1000, @for: 2);
        var state = AlarmState.Initial;
        foreach (var observation in HoppingWindowFeed.Observations(HoppingWindowFeed.Burst()))
        {
            (state, _) = AlarmEvaluator.Evaluate(rule, state, observation);

            var (again, transition) = AlarmEvaluator.Evaluate(rule, state, observation);

            Assert.Null(transition);
            Assert.Equal(Json(state), Json(again));
        }
    }

    [Fact]
    public void StaleLowerCounts_AndStaleOpenObservations_DoNotUndoWhatWasSeen()
    {
        var rule = AboveRule(1000);
        var (state, _) = Run(rule, Open(0, 1500), Closed(0, 1600));

        var (after, transitions) = Run(rule, state, [Open(0, 800), Open(0, 1500)]);

        Assert.Empty(transitions);
        Assert.Equal(Json(state), Json(after));
        Assert.Equal(new WindowMark(At(0), At(5), 1600, Closed: true), Assert.Single(after.Windows));
    }

    [Fact]
    public void Burst_FiresOnceWhileOpen_AndResolvesOnceWhenTheWindowsPassIt()
    {
        // Minutes 10–13 at 500/min: windows 7–12 overlap the burst by two minutes or more (> 1000).
        var (state, transitions) = Run(AboveRule(1000), AlarmState.Initial, HoppingWindowFeed.Observations(HoppingWindowFeed.Burst()));

        Assert.Equal([AlarmTransitionKind.Fired, AlarmTransitionKind.Resolved], transitions.Select(t => t.Kind));
        var (fired, resolved) = (transitions[0], transitions[1]);
        Assert.Equal((At(12), At(7), false), (fired.At, fired.WindowStart!.Value, fired.WindowClosed)); // window 7 ([7,12)) at 1,030
        Assert.Equal(1030, fired.Value);
        Assert.Equal((At(19), At(13), 540L), (resolved.At, resolved.WindowStart!.Value, resolved.Value!.Value)); // window 13 closes at 13+5+1
        Assert.Equal(2010, resolved.Peak); // window 10 ([10,15)): 4 × 500 + 10
        Assert.Equal(AlarmStatus.Ok, state.Status);
    }

    [Fact]
    public void Restart_ReplayingObservationsFromARestoredState_DoesNotPageAgain()
    {
        var rule = AboveRule(1000);
        var observations = HoppingWindowFeed.Observations(HoppingWindowFeed.Burst());
        var (expectedState, expected) = Run(rule, AlarmState.Initial, observations);

        for (var crashAfter = 0; crashAfter <= observations.Count; crashAfter++)
        {
            // Run up to the crash, persist the state, restore it, and replay from an earlier point (at-least-once).
            var (before, sent) = Run(rule, AlarmState.Initial, observations.Take(crashAfter));
            var restored = AlarmState.FromUtf8Json(before.ToUtf8Json());
            var replayFrom = Math.Max(0, crashAfter - 25);
            var (after, sentAfterRestart) = Run(rule, restored, observations.Skip(replayFrom));

            Assert.Equal(expected.Select(t => (t.Kind, t.Incident)), sent.Concat(sentAfterRestart).Select(t => (t.Kind, t.Incident)));
            Assert.Equal(Json(expectedState), Json(after));
        }
    }

    [Fact]
    public void OutOfOrder_ByAWindowOrTwo_StillFiresAndResolvesOnce()
    {
        var rule = AboveRule(1000);
        var observations = HoppingWindowFeed.Observations(HoppingWindowFeed.Burst());
        var random = new Random(7);

        for (var trial = 0; trial < 50; trial++)
        {
            var shuffled = observations.ToList();
            for (var i = 0; i < shuffled.Count - 2; i++)
            {
                var j = i + random.Next(3); // swap with one of the next two
                (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
            }

            var (state, transitions) = Run(rule, AlarmState.Initial, shuffled);

            Assert.Equal([AlarmTransitionKind.Fired, AlarmTransitionKind.Resolved], transitions.Select(t => t.Kind));
            Assert.Equal(AlarmStatus.Ok, state.Status);
        }
    }

    // ---- Bounds and input checks ----

    [Fact]
    public void History_IsBounded_AndOlderObservationsAreIgnored()
    {
        var rule = AboveRule(1000, @for: 2);
        var (state, _) = Run(rule, AlarmState.Initial, Enumerable.Range(0, 500).Select(m => Closed(m, 10)));

        Assert.Equal(2 + AlarmEvaluator.ExtraWindows, state.Windows.Count);
        Assert.Equal(At(499), state.LastWindowStart);

        var (after, transition) = AlarmEvaluator.Evaluate(rule, state, Open(400, 5000));
        Assert.Null(transition);
        Assert.Same(state, after);
    }

    [Fact]
    public void State_KeepsTheLatestWindowValue()
    {
        var (state, _) = Run(AboveRule(1000), Open(3, 70), Open(1, 50), Open(3, 80));

        Assert.Equal((At(3), 80L), (state.LastWindowStart!.Value, state.LastValue!.Value));
        Assert.Equal([At(1), At(3)], state.Windows.Select(w => w.Start));
    }

    [Fact]
    public void InvalidObservations_AreRejected()
    {
        var rule = AboveRule(1000);

        Assert.Throws<ArgumentException>(() => AlarmEvaluator.Evaluate(rule, AlarmState.Initial, new WindowObservation(At(5), At(5), 1, false, At(6))));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlarmEvaluator.Evaluate(rule, AlarmState.Initial, Open(0, -1)));
    }
}
