using Aggregator.Topology;

namespace Aggregator.Tests.Topology;

/// <summary>
/// The dedup stage sums on-time events per count key and minute and sends the sums once per interval (issue 15): the
/// counts must come out exactly as if every event had travelled alone, and a sum not sent yet must survive a restart.
/// </summary>
public sealed class PreAggregatorTests : IDisposable
{
    private static readonly DateTimeOffset T0 = ActivityTopologyFixture.T0;
    private readonly List<ActivityTopologyFixture> _fixtures = [];

    public void Dispose()
    {
        foreach (var fixture in _fixtures)
        {
            fixture.Dispose();
        }
    }

    [Fact]
    public void EventsOfAKey_AreSummedPerMinute_AndCountedInEveryWindowOfTheirMinute()
    {
        var f = Start();
        f.PipeEvent("u-1", T0.AddSeconds(5));
        f.PipeEvent("u-2", T0.AddSeconds(30));
        f.PipeEvent("u-3", T0.AddSeconds(59));
        f.PipeEvent("u-4", T0.AddMinutes(1).AddSeconds(1));

        var counts = f.LatestCounts();

        // 10:00 falls in the windows starting 09:56 … 10:00; 10:01 in 09:57 … 10:01.
        Assert.Equal(3, counts["page_view|/home@09:56"]);
        Assert.Equal(4, counts["page_view|/home@09:57"]);
        Assert.Equal(4, counts["page_view|/home@10:00"]);
        Assert.Equal(1, counts["page_view|/home@10:01"]);
        Assert.Equal(6, counts.Count);
    }

    [Fact]
    public void Sums_GoOutOnTheInterval_NotPerEvent()
    {
        var f = Start();
        f.PipeEvent("u-1", T0.AddSeconds(5));
        f.Driver.Commit();

        Assert.Empty(f.Counts.ReadKeyValueList());
        Assert.Equal(1, f.LatestCounts()["page_view|/home@10:00"]);
    }

    // Committed with the input offsets, in the store's changelog and on disk: the next owner of the task sends it.
    [Fact]
    public void ASumNotSentYet_SurvivesARestart_AndIsSentByTheNextOwner()
    {
        var before = Start();
        before.PipeEvent("u-1", T0.AddSeconds(5));
        before.PipeEvent("u-2", T0.AddSeconds(6));
        before.Driver.Commit();
        Assert.Empty(before.Counts.ReadKeyValueList());
        var copy = LatenessTests.CopyOf(before.StateDirectory);
        before.Dispose();
        _fixtures.Remove(before);

        var after = Start(copy);

        Assert.Equal(2, after.LatestCounts()["page_view|/home@10:00"]);
    }

    [Fact]
    public void ASumSent_IsNotSentAgain()
    {
        var f = Start();
        f.PipeEvent("u-1", T0.AddSeconds(5));
        Assert.Equal(1, f.LatestCounts()["page_view|/home@10:00"]);

        f.PipeEvent("u-2", T0.AddSeconds(7));

        Assert.Equal(2, f.LatestCounts()["page_view|/home@10:00"]);
    }

    private ActivityTopologyFixture Start(string? stateDirectory = null)
    {
        var fixture = new ActivityTopologyFixture(stateDirectory: stateDirectory);
        _fixtures.Add(fixture);
        return fixture;
    }
}
