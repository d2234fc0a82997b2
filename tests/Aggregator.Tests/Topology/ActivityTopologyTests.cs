using System.Text;
using System.Text.Json;

namespace Aggregator.Tests.Topology;

public sealed class ActivityTopologyTests : IDisposable
{
    private static readonly DateTimeOffset T0 = ActivityTopologyFixture.T0;
    private readonly ActivityTopologyFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void ValidEvent_IsRefined_KeyedByUser_AndCountedInFiveWindows()
    {
        _f.PipeEvent("u-1", T0.AddSeconds(30), path: "/products/42");

        var refined = _f.Refined.ReadRecord();
        Assert.Equal("u-1", refined.Key);
        Assert.Equal(T0.AddSeconds(30).ToUnixTimeMilliseconds(), refined.Timestamp);
        using var json = JsonDocument.Parse(refined.Value);
        Assert.Equal("/products/42", json.RootElement.GetProperty("page").GetProperty("path").GetString());

        var counts = _f.LatestCounts();
        Assert.Equal(5, counts.Count);
        Assert.Equal(1, counts["page_view|/products/42@10:00"]);
        Assert.Equal(1, counts["page_view|/products/42@09:56"]);
    }

    [Fact]
    public void CountsRecord_FollowsTheContract()
    {
        _f.PipeEvent("u-1", T0.AddMinutes(5).AddSeconds(1), path: "/products/42");

        var record = _f.Counts.ReadRecordsToList().Single(r => r.Key.Contains("10:05:00", StringComparison.Ordinal));
        Assert.Equal("""{"key":"page_view|/products/42","windowStart":"2026-11-21T10:05:00.000Z","windowEnd":"2026-11-21T10:10:00.000Z"}""", record.Key);
        Assert.Equal("""{"key":"page_view|/products/42","windowStart":"2026-11-21T10:05:00.000Z","windowEnd":"2026-11-21T10:10:00.000Z","count":1}""", record.Value);
    }

    [Fact]
    public void InvalidRecord_GoesToTheDlq_WithTheOriginalBytesAndReason()
    {
        _f.PipeRaw("{not json");

        var dead = _f.Dlq.ReadRecord();
        Assert.Equal("{not json", Encoding.UTF8.GetString(dead.Value));
        Assert.Equal("not_json", Encoding.UTF8.GetString(dead.Headers.GetLastBytes("dlq.reason")));
        Assert.Equal("activity.raw", Encoding.UTF8.GetString(dead.Headers.GetLastBytes("dlq.source.topic")));
        Assert.True(_f.Refined.IsEmpty);
        Assert.Empty(_f.LatestCounts());
    }

    [Fact]
    public void OptOut_BeforeEvents_DropsThem_Everywhere()
    {
        _f.OptOut("u-private");

        _f.PipeEvent("u-private", T0.AddSeconds(10));
        _f.PipeEvent("u-public", T0.AddSeconds(20));

        Assert.Equal(["u-public"], _f.Refined.ReadRecordsToList().Select(r => r.Key));
        Assert.Equal(1, _f.LatestCounts()["page_view|/home@10:00"]);
    }

    [Fact]
    public void OptOut_AfterEvents_LeavesEarlierEventsAndDropsLaterOnes()
    {
        _f.PipeEvent("u-1", T0.AddSeconds(10));
        _f.OptOut("u-1");
        _f.PipeEvent("u-1", T0.AddSeconds(20));

        Assert.Single(_f.Refined.ReadRecordsToList());
        Assert.Equal(1, _f.LatestCounts()["page_view|/home@10:00"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OptingBackIn_WithFalseOrATombstone_ResumesTracking(bool useTombstone)
    {
        _f.OptOut("u-1");
        _f.PipeEvent("u-1", T0.AddSeconds(10));
        if (useTombstone)
        {
            _f.OptBackInWithTombstone("u-1");
        }
        else
        {
            _f.OptOut("u-1", optedOut: false);
        }

        _f.PipeEvent("u-1", T0.AddSeconds(20));

        Assert.Single(_f.Refined.ReadRecordsToList());
    }

    [Fact]
    public void MalformedOptOutRecords_AreSkipped_WithoutStopping()
    {
        _f.Driver.PipeRaw("privacy.optouts", Encoding.UTF8.GetBytes("u-1"), "not json"u8.ToArray(), 0);
        _f.Driver.PipeRaw("privacy.optouts", null, """{"optedOut":true}"""u8.ToArray(), 0);
        _f.PipeEvent("u-1", T0.AddSeconds(10));

        Assert.Single(_f.Refined.ReadRecordsToList());
    }

    [Fact]
    public void Duplicate_WithinTheDedupWindow_IsRefinedAndCountedOnce()
    {
        _f.PipeEvent("u-1", T0.AddSeconds(10), eventId: "e-1");
        _f.PipeEvent("u-2", T0.AddMinutes(3), eventId: "e-2");
        _f.PipeEvent("u-1", T0.AddSeconds(10), eventId: "e-1");

        Assert.Equal(2, _f.Refined.ReadRecordsToList().Count);
        Assert.Equal(2, _f.LatestCounts()["page_view|/home@10:00"]);
    }

    [Fact]
    public void Duplicate_OutsideTheDedupWindow_IsNotRecognised()
    {
        _f.PipeEvent("u-1", T0.AddSeconds(10), eventId: "e-1");
        _f.PipeEvent("u-2", T0.AddMinutes(12), eventId: "e-2");   // stream time moves 12 min on: e-1's bucket expired
        _f.PipeEvent("u-1", T0.AddSeconds(10), eventId: "e-1");   // (and far too late to count)

        Assert.Equal(3, _f.Refined.ReadRecordsToList().Count);
    }

    [Fact]
    public void OutOfOrderEvents_WithinGrace_AreCounted()
    {
        _f.PipeEvent("u-1", T0.AddMinutes(5).AddSeconds(30));  // stream time 10:05:30
        _f.PipeEvent("u-2", T0.AddSeconds(20));                // [10:00,10:05) closes at 10:06: still open

        Assert.Equal(1, _f.LatestCounts()["page_view|/home@10:00"]);
        Assert.Equal(0, _f.Driver.LateRecordsDropped);
    }

    [Fact]
    public void LateEvents_AfterGrace_AreDroppedAndCounted()
    {
        _f.PipeEvent("u-1", T0.AddMinutes(10));               // stream time 10:10
        _f.PipeEvent("u-2", T0.AddMinutes(1));                // windows 09:57..10:01 all closed by 10:07

        Assert.Equal(1, _f.Driver.LateRecordsDropped);
        Assert.DoesNotContain(_f.LatestCounts().Keys, k => k.EndsWith("@10:01", StringComparison.Ordinal) && k.StartsWith("page_view|/home", StringComparison.Ordinal) && _f.LatestCounts()[k] > 1);
    }
}
