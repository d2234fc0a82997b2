using Aggregator.Topology;

namespace Aggregator.Tests.Topology;

/// <summary>
/// Lateness before the window count (judged where partial counts are made, PreAggregator): against stream time kept in a store, so it holds across restarts (issue 11,
/// item 4: a restarted worker counted 12-hour-old events into long-closed windows).
/// </summary>
public sealed class LatenessTests : IDisposable
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
    public void OutOfOrderEvent_WithinGrace_IsCounted()
    {
        var f = Start();
        f.PipeEvent("u-1", T0.AddMinutes(5).AddSeconds(30));  // stream time 10:05:30
        f.PipeEvent("u-2", T0.AddSeconds(20), path: "/late"); // [10:00, 10:05) closes at 10:06: still open

        Assert.Equal(1, f.LatestCounts()["page_view|/late@10:00"]);
        Assert.Equal(0, f.Streams.LateDropped);
    }

    // Lateness is judged per event, not per window: while its last window [10:00, 10:05) is still open at 10:05:30, an
    // event of 10:00:20 is counted in all five of its windows, the four already past their grace included (their
    // earlier counts are superseded). Streamiz's windowed count would judge per window against the counting task's own
    // stream time, which the repartition's interleaving of upstream tasks pushes ahead (ActivityTopology.CountingGrace).
    [Fact]
    public void OutOfOrderEvent_WhoseLastWindowIsOpen_IsCountedInAllItsWindows()
    {
        var f = Start();
        f.PipeEvent("u-1", T0.AddMinutes(5).AddSeconds(30));
        f.PipeEvent("u-2", T0.AddSeconds(20), path: "/late");

        var late = f.LatestCounts().Where(c => c.Key.StartsWith("page_view|/late@", StringComparison.Ordinal)).ToList();
        Assert.Equal(["page_view|/late@09:56", "page_view|/late@09:57", "page_view|/late@09:58", "page_view|/late@09:59", "page_view|/late@10:00"],
            late.Select(c => c.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EventWhoseEveryWindowHasClosed_IsDropped_AndCountedLate()
    {
        var f = Start();
        f.PipeEvent("u-1", T0.AddMinutes(10));                // stream time 10:10
        f.PipeEvent("u-2", T0.AddMinutes(1), path: "/late");  // windows 09:57 … 10:01, the last closed at 10:07

        Assert.DoesNotContain(f.LatestCounts().Keys, k => k.StartsWith("page_view|/late@", StringComparison.Ordinal));
        Assert.Equal(1, f.Streams.LateDropped);
        Assert.Equal(1, ActivityTopologyFixture.Total(f.LateDropped));
        Assert.Equal(["u-1", "u-2"], f.RefinedKeys()); // late for the counts, still a refined event
    }

    [Theory]
    [InlineData(6 * 60_000 + 59_999, false)] // last window [10:01, 10:06) + 1 min grace: open until 10:07
    [InlineData(7 * 60_000, true)]
    public void LastWindowEndPlusGrace_IsTheBoundary(long streamTimeAfterT0Ms, bool late)
    {
        var f = Start();
        f.PipeEvent("u-1", T0.AddMilliseconds(streamTimeAfterT0Ms));
        f.PipeEvent("u-2", T0.AddMinutes(1), path: "/edge");

        Assert.Equal(late ? 1 : 0, f.Streams.LateDropped);
        Assert.Equal(!late, f.LatestCounts().ContainsKey("page_view|/edge@10:01"));
    }

    [Fact]
    public void StreamTime_IsKeptInTheRawPartitionsStore()
    {
        var f = Start();
        f.PipeEvent("u-1", T0.AddMinutes(10));
        f.PipeEvent("u-2", T0.AddMinutes(3)); // older: stream time stays

        f.Driver.Commit(); // the store caches; its changelog and RocksDB get it at commit
        var store = f.Driver.GetKeyValueStore<string, long>(SourceStreamTime.StoreName);
        Assert.Equal(T0.AddMinutes(10).ToUnixTimeMilliseconds(), store.Get("stream-time"));
    }

    /// <summary>
    /// The topology recreated on the same state, as after a clean restart: Streamiz's test driver deletes its state
    /// directory on dispose, so the test copies the committed RocksDB directory first (the driver's commit flushes
    /// the stores, which write no WAL) and opens the new driver on the copy. The twelve-hour-old event is the first
    /// record the new counting task reads.
    /// </summary>
    [Fact]
    public void TwelveHourOldEvent_FirstAfterARestartOnTheSameState_IsDropped_AndCountedLate()
    {
        var before = Start();
        before.PipeEvent("u-1", T0.AddMinutes(10));
        before.Driver.Commit();
        var copy = CopyOf(before.StateDirectory);
        before.Dispose();
        _fixtures.Remove(before);

        var after = Start(copy);
        after.PipeEvent("u-2", T0.AddHours(-12), path: "/old");

        Assert.Equal(1, after.Streams.LateDropped);
        Assert.DoesNotContain(after.LatestCounts().Keys, k => k.StartsWith("page_view|/old@", StringComparison.Ordinal));
    }

    // The control for the test above: without the state, the same first record is counted (what Streamiz's windowed
    // count alone does after a restart, its stream time being in memory only).
    [Fact]
    public void TwelveHourOldEvent_FirstOnFreshState_IsCounted()
    {
        var f = Start();
        f.PipeEvent("u-2", T0.AddHours(-12), path: "/old");

        Assert.Equal(0, f.Streams.LateDropped);
        Assert.Contains(f.LatestCounts().Keys, k => k.StartsWith("page_view|/old@", StringComparison.Ordinal));
    }

    private ActivityTopologyFixture Start(string? stateDirectory = null)
    {
        // Twelve-hour-old events are not too old for the refiner: its ingest clock stays at T0 + 30 min.
        var fixture = new ActivityTopologyFixture(stateDirectory: stateDirectory);
        _fixtures.Add(fixture);
        return fixture;
    }

    internal static string CopyOf(string directory)
    {
        var copy = Path.Combine(Path.GetTempPath(), "aggregator-tests", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }
}
