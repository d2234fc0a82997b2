using Aggregator.Slack;
using Aggregator.Topology.Reporting;
using Aggregator.Topology.Reporting.Merging;
using static Aggregator.Tests.Topology.Reporting.Merging.MergerHarness;

namespace Aggregator.Tests.Topology.Reporting.Merging;

/// <summary>Alarm windows and states in the merger (the built-in DlqSpike: above 100 dead letters per 5-minute window).</summary>
public sealed class AlarmJudgingTests
{
    private readonly MergerHarness _h = new(countingPartitions: 1);

    [Fact]
    public void Above_FiresOnAnOpenWindow_WithoutWaitingForItToClose()
    {
        DeadLetters(T10, 60, "0_0");
        DeadLetters(T10, 50, "0_1"); // summed over sources
        _h.Tick();

        var fire = Assert.Single(_h.Outbox.Delivered);
        Assert.Equal(SlackMessageKind.Alarm, fire.Kind);
        Assert.EndsWith(":fire", fire.Id, StringComparison.Ordinal);
    }

    // A restart neither forgets a firing alarm (it resolves) nor pages again for a replayed window count.
    [Fact]
    public void FiringAlarm_SurvivesARestart_ResolvesOnClosedWindows_AndIsNotPagedTwice()
    {
        DeadLetters(T10, 150, "0_0");
        _h.Tick();

        var restarted = _h.Restart();
        restarted.Progress(0, T10 + (20 * Minute)); // every window to 10:13 closed; those after 10:00 had nothing
        restarted.Tick();
        restarted.Send(new ReportingRecord { Window = new RuleWindowCount("0_0", "DlqSpike", T10, T10 + (5 * Minute), 150) });
        restarted.Tick();

        Assert.Collection(
            restarted.Outbox.Delivered,
            fire => Assert.EndsWith(":fire", fire.Id, StringComparison.Ordinal),
            resolve => Assert.EndsWith(":resolve", resolve.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(restarted.Store.Keys, key => key.StartsWith("w:", StringComparison.Ordinal));
    }

    [Fact]
    public void ClosedWindows_WaitForEveryCountingPartition()
    {
        var h = new MergerHarness(countingPartitions: 2);
        h.Send(new ReportingRecord { Window = new RuleWindowCount("0_0", "DlqSpike", T10, T10 + (5 * Minute), 150) });
        h.Progress(0, T10 + (20 * Minute));
        h.Tick();
        Assert.Contains(MergerKey.Window(T10, "0_0", "DlqSpike").Encode(), h.Store.Keys); // partition 1 has not counted that far

        h.Progress(1, T10 + (20 * Minute));
        h.Tick();
        Assert.DoesNotContain(MergerKey.Window(T10, "0_0", "DlqSpike").Encode(), h.Store.Keys);
    }

    // One task racing through a backlog sends a later window first; another's earlier window still counts (it was
    // taken as judged already, and a rule on it never fired: SlackOutageTests in CI), and judging starts at the earliest.
    [Fact]
    public void AnEarlierWindowArrivingAfterALaterOne_StillFires_AndJudgingStartsAtTheEarliest()
    {
        DeadLetters(T10 + (20 * Minute), 1, "0_1");
        _h.Tick();
        DeadLetters(T10, 150, "0_0");
        _h.Tick();

        var fire = Assert.Single(_h.Outbox.Delivered);
        Assert.EndsWith(":fire", fire.Id, StringComparison.Ordinal);

        _h.Progress(0, T10 + (6 * Minute)); // the 10:00 window (to 10:05, grace 1 min) is due, the next is not
        _h.Tick();
        Assert.Equal(T10, StoreValues.ReadLong(_h.Store.All().ToDictionary()[MergerKey.Setting(MergerKey.Settings.AlarmsThrough).Encode()]));
    }

    private void DeadLetters(long windowStart, long count, string source) =>
        _h.Send(new ReportingRecord { Window = new RuleWindowCount(source, "DlqSpike", windowStart, windowStart + (5 * Minute), count) });
}
