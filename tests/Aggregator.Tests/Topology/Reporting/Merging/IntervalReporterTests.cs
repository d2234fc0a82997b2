using static Aggregator.Tests.Topology.Reporting.Merging.MergerHarness;

namespace Aggregator.Tests.Topology.Reporting.Merging;

/// <summary>
/// Catching up without flooding (issue 11, item 5): intervals more than MaxCatchUp (1 h) behind are folded into one
/// line of the next summary while the merger races through them; a steady lag still gets a summary per interval.
/// </summary>
public sealed class IntervalReporterTests
{
    // Was 62 summaries into the Slack stand-in, in a second.
    [Fact]
    public void SixHourBacklog_OnAFreshWorker_SendsAtMostSevenSummaries_TheFirstCarryingTheCatchUp()
    {
        var h = new MergerHarness(countingPartitions: 2, wallClock: T10 + (6 * Hour)); // backlog 10:00–16:00, now 16:00
        for (var start = T10; start < T10 + (6 * Hour); start += 10 * Minute)
        {
            h.Send(Partial("2_0", start, pageViews: 3));
            h.Send(Partial("2_1", start, pageViews: 2));
            if ((start - T10) / (10 * Minute) % 2 == 1)
            {
                h.Progress(0, start + (10 * Minute)); // the counting tasks publish every couple of seconds
                h.Progress(1, start + (10 * Minute));
                h.Tick(TimeSpan.FromSeconds(2));
            }
        }

        h.Progress(0, T10 + (6 * Hour) + (2 * Minute));
        h.Progress(1, T10 + (6 * Hour) + (2 * Minute));
        h.Tick();

        var summaries = h.Outbox.Summaries;
        Assert.InRange(summaries.Count, 1, 7);
        Assert.Equal(6, summaries.Count); // 15:00 … 15:50: the last hour
        Assert.Contains("Activity 15:00–15:10 UTC", summaries[0], StringComparison.Ordinal);
        Assert.Contains(
            "⏩ *Caught up on 10:00–15:00 UTC, Sat 21 Nov*: 30 earlier intervals (150 events, 0 errors) were too far behind to post one by one.",
            summaries[0],
            StringComparison.Ordinal);
        Assert.Contains("*5* events (±0% vs 14:50–15:00)", summaries[0], StringComparison.Ordinal); // compared with the last folded one
        Assert.All(summaries.Skip(1), s => Assert.DoesNotContain("Caught up", s, StringComparison.Ordinal));
        Assert.Contains("Activity 15:50–16:00 UTC", summaries[^1], StringComparison.Ordinal);
    }

    // Was 54 summaries, 01:00 through 09:50, after a restart: the first report started at the oldest partial.
    [Fact]
    public void TwelveHourOldPartial_OnAFreshMerger_IsFoldedIntoTheFirstSummary()
    {
        var h = new MergerHarness(countingPartitions: 1, wallClock: T10 + (12 * Minute));
        h.Send(Partial("2_0", T10 - (12 * Hour), pageViews: 7));
        h.Send(Partial("2_0", T10, pageViews: 5));
        h.Progress(0, T10 + (11 * Minute));
        h.Tick();

        var summary = Assert.Single(h.Outbox.Summaries);
        Assert.Contains("Activity 10:00–10:10 UTC", summary, StringComparison.Ordinal);
        Assert.Contains("⏩ *Caught up on 22:00 Fri 20 Nov – 10:00 Sat 21 Nov UTC*: 72 earlier intervals (7 events, 0 errors)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void SteadyLag_BeyondMaxCatchUp_StillGetsASummaryPerInterval()
    {
        var h = new MergerHarness(countingPartitions: 1, wallClock: T10 + (3 * Hour)); // three hours behind, at real-time pace
        for (var minute = 0; minute <= 61; minute++)
        {
            if (minute % 10 == 0)
            {
                h.Send(Partial("2_0", T10 + (minute * Minute), pageViews: 4));
            }

            h.Progress(0, T10 + (minute * Minute));
            h.Tick(TimeSpan.FromMinutes(1));
        }

        var summaries = h.Outbox.Summaries;
        Assert.Equal(5, summaries.Count); // the first interval after start was part of a rush: folded
        Assert.Contains("⏩ *Caught up on 10:00–10:10 UTC, Sat 21 Nov*: 1 earlier interval (4 events, 0 errors) was too far behind", summaries[0], StringComparison.Ordinal);
        Assert.Contains("Activity 10:10–10:20 UTC", summaries[0], StringComparison.Ordinal);
        Assert.Contains("Activity 10:50–11:00 UTC", summaries[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void CatchUp_SurvivesARestart_AndTheNextSummaryCarriesIt()
    {
        var h = new MergerHarness(countingPartitions: 1, wallClock: T10 + (70 * Minute));
        h.Send(Partial("2_0", T10, pageViews: 3));
        h.Progress(0, T10 + (11 * Minute));
        h.Tick();
        Assert.Empty(h.Outbox.Summaries);

        var restarted = h.Restart();
        restarted.Send(Partial("2_0", T10 + (10 * Minute), pageViews: 4));
        restarted.Progress(0, T10 + (21 * Minute));
        restarted.Tick();

        var summary = Assert.Single(restarted.Outbox.Summaries);
        Assert.Contains("Activity 10:10–10:20 UTC", summary, StringComparison.Ordinal);
        Assert.Contains("*Caught up on 10:00–10:10 UTC, Sat 21 Nov*: 1 earlier interval (3 events, 0 errors)", summary, StringComparison.Ordinal);
        Assert.Contains("(+33% vs 10:00–10:10)", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("s:caught-up", restarted.Store.Keys);
    }

    [Fact]
    public void PartialOfAnIntervalAlreadyReported_ChangesNothing()
    {
        var h = new MergerHarness(countingPartitions: 1);
        h.Send(Partial("2_0", T10, pageViews: 3));
        h.Progress(0, T10 + (11 * Minute));
        h.Tick();

        var restarted = h.Restart();
        restarted.Send(Partial("2_0", T10, pageViews: 9)); // a straggler, or a replay after the restart
        restarted.Progress(0, T10 + (12 * Minute));
        restarted.Tick();

        var summary = Assert.Single(restarted.Outbox.Summaries);
        Assert.Contains("*3* events", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(restarted.Store.Keys, key => key.StartsWith("p:", StringComparison.Ordinal));
    }
}
