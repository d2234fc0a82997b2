using System.Text;
using System.Text.Json;

namespace Aggregator.Tests.Topology;

/// <summary>The activity topology end to end on Streamiz's test driver: refine, DLQ, opt-outs and the windowed counts.</summary>
public sealed class ActivityTopologyTests : IDisposable
{
    private static readonly DateTimeOffset T0 = ActivityTopologyFixture.T0;
    private readonly ActivityTopologyFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void ValidEvent_IsRefined_KeyedByUser_AndCountedInFiveWindows()
    {
        _f.PipeEvent("u-1", T0.AddSeconds(30), path: "/products/42");

        var refined = Assert.Single(_f.Refined.ReadKeyValueList());
        Assert.Equal("u-1", refined.Message.Key);
        Assert.Equal(T0.AddSeconds(30).ToUnixTimeMilliseconds(), refined.Message.Timestamp.UnixTimestampMs);
        using var json = JsonDocument.Parse(refined.Message.Value);
        Assert.Equal("/products/42", json.RootElement.GetProperty("page").GetProperty("path").GetString());

        // Size 5 min advancing by 1 min: the windows starting 09:56, 09:57, 09:58, 09:59 and 10:00 contain 10:00:30.
        var counts = _f.LatestCounts();
        Assert.Equal(
            ["09:56", "09:57", "09:58", "09:59", "10:00"],
            counts.Keys.Select(k => k.Split('@')[1]).Order(StringComparer.Ordinal));
        Assert.All(counts, c => Assert.Equal(("page_view|/products/42", 1L), (c.Key.Split('@')[0], c.Value)));
        Assert.Equal(1, _f.Metrics.Refined);
    }

    [Fact]
    public void CountsRecord_FollowsTheContract()
    {
        _f.PipeEvent("u-1", T0.AddMinutes(5).AddSeconds(1), path: "/products/42");

        var records = _f.ReadCounts();
        var record = Assert.Single(records, r => r.Message.Key.Contains("10:05:00", StringComparison.Ordinal));
        Assert.Equal("""{"key":"page_view|/products/42","windowStart":"2026-11-21T10:05:00.000Z","windowEnd":"2026-11-21T10:10:00.000Z"}""", record.Message.Key);
        Assert.Equal("""{"key":"page_view|/products/42","windowStart":"2026-11-21T10:05:00.000Z","windowEnd":"2026-11-21T10:10:00.000Z","count":1}""", record.Message.Value);
        Assert.Equal(5, records.Count);
    }

    [Fact]
    public void Counts_AddUp_PerKeyAndWindow()
    {
        _f.PipeEvent("u-1", T0.AddSeconds(10));
        _f.PipeEvent("u-2", T0.AddSeconds(20));
        _f.PipeEvent("u-3", T0.AddMinutes(1).AddSeconds(5));
        _f.PipeEvent("u-4", T0.AddSeconds(30), type: "click", path: "/cart");

        var counts = _f.LatestCounts();

        Assert.Equal(11, counts.Count); // /home: windows 09:56–10:01 (6); /cart: 09:56–10:00 (5)
        Assert.Equal(2, counts["page_view|/home@09:56"]); // [09:56, 10:01): not 10:01:05
        Assert.Equal(3, counts["page_view|/home@09:57"]);
        Assert.Equal(3, counts["page_view|/home@10:00"]);
        Assert.Equal(1, counts["page_view|/home@10:01"]);
        Assert.Equal(1, counts["click|/cart@10:00"]);
    }

    [Fact]
    public void InvalidRecord_GoesToTheDlq_WithTheReason_ItsUnmaskableValueWithheld()
    {
        _f.PipeRaw("{not json");

        var dead = Assert.Single(_f.Dlq.ReadKeyValueList());
        Assert.Null(dead.Message.Value);
        Assert.Equal("withheld", Header(dead.Message.Headers, "dlq.payload"));
        Assert.Equal("not_json", Header(dead.Message.Headers, "dlq.reason"));
        Assert.Equal("activity.raw", Header(dead.Message.Headers, "dlq.source.topic"));
        Assert.Equal("0", Header(dead.Message.Headers, "dlq.source.offset"));
        Assert.Equal("0", Header(dead.Message.Headers, "dlq.source.partition"));
        Assert.Empty(_f.Refined.ReadKeyValueList());
        Assert.Empty(_f.LatestCounts());
        Assert.Equal(1, _f.Metrics.DeadLettered);
    }

    [Fact]
    public void EventWithoutATimestamp_GoesToTheDlq_AndTheNextValidOneIsStillRefined()
    {
        _f.PipeRaw("""{"eventId":"e-1","type":"page_view","userId":"u-1","url":"https://shop.example.com/home"}""");
        _f.PipeEvent("u-2", T0.AddSeconds(10));

        var dead = Assert.Single(_f.Dlq.ReadKeyValueList());
        Assert.Equal("missing_field", Header(dead.Message.Headers, "dlq.reason"));
        Assert.Contains("timestamp", Header(dead.Message.Headers, "dlq.detail"), StringComparison.Ordinal);
        Assert.Equal(["u-2"], _f.RefinedKeys());
    }

    [Fact]
    public void OptOut_BeforeEvents_DropsThem_Everywhere()
    {
        _f.OptOut("u-private");

        _f.PipeEvent("u-private", T0.AddSeconds(10));
        _f.PipeEvent("u-public", T0.AddSeconds(20));

        Assert.Equal(["u-public"], _f.RefinedKeys());
        Assert.Equal(1, _f.LatestCounts()["page_view|/home@10:00"]);
        Assert.Equal(1, _f.Metrics.OptedOut);
    }

    [Fact]
    public void OptOut_AfterEvents_LeavesEarlierEventsAndDropsLaterOnes()
    {
        _f.PipeEvent("u-1", T0.AddSeconds(10));
        _f.OptOut("u-1");
        _f.PipeEvent("u-1", T0.AddSeconds(20));

        Assert.Single(_f.Refined.ReadKeyValueList());
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

        Assert.Single(_f.Refined.ReadKeyValueList());
    }

    [Fact]
    public void MalformedOptOutRecords_AreSkipped_WithoutStopping()
    {
        _f.PipeOptOutBytes("u-1", "not json"u8.ToArray());
        _f.PipeOptOutBytes(null, """{"optedOut":true}"""u8.ToArray());
        _f.PipeEvent("u-1", T0.AddSeconds(10));

        Assert.Single(_f.Refined.ReadKeyValueList());
        Assert.False(_f.Driver.IsError);
        Assert.Equal(1, ActivityTopologyFixture.Total(_f.Skipped)); // the unreadable value; the null-keyed record never reaches deserialization
    }

    private static string Header(Confluent.Kafka.Headers headers, string name) => Encoding.UTF8.GetString(headers.GetLastBytes(name));
}
