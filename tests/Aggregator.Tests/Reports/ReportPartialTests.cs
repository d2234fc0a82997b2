using System.Text;
using Aggregator.Reports;
using static Aggregator.Tests.Reports.ReportTestData;

namespace Aggregator.Tests.Reports;

public sealed class ReportPartialTests
{
    [Fact]
    public void Json_RoundTrips()
    {
        var accumulator = Accumulator("2_5");
        accumulator.Add("page_view", "/p|x", "u-1", T10 + (3 * Minute));
        accumulator.AddDeadLettered(7);
        var partial = accumulator.Snapshot();

        var json = partial.ToUtf8Json();
        var copy = ReportPartial.FromUtf8Json(json);

        Assert.Contains("\"source\":\"2_5\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.DoesNotContain("minutes", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Equal(partial.Source, copy.Source);
        Assert.Equal(partial.Sequence, copy.Sequence);
        Assert.Equal(partial.PageViews, copy.PageViews);
        Assert.Equal(partial.ByType, copy.ByType);
        Assert.Equal(partial.PerMinute, copy.PerMinute);
        Assert.Equal(partial.Users, copy.Users);
        Assert.Equal(7, copy.DeadLettered);
    }

    [Theory]
    [InlineData("""{"sequence":1,"intervalStart":0,"intervalEnd":600000,"perMinute":[0,0,0,0,0,0,0,0,0,0]}""", "required")]
    [InlineData("""{"source":"s","intervalStart":0,"intervalEnd":600000,"perMinute":[0,0]}""", "2 per-minute counts")]
    [InlineData("""{"source":"s","intervalStart":0,"intervalEnd":90000,"perMinute":[0]}""", "whole number of minutes")]
    [InlineData("""{"source":"s","intervalStart":0,"intervalEnd":60000,"perMinute":[0],"users":"AAAA"}""", "registers")]
    [InlineData("""[1,2]""", "Not a report partial")]
    [InlineData("""null""", "null")]
    public void FromUtf8Json_RejectsInconsistentPartials(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ReportPartial.FromUtf8Json(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Supersedes_PrefersHigherSequence_ThenMoreRecords()
    {
        var older = new ReportPartial { Source = "s", Sequence = 4, Events = 100, IntervalEnd = Minute, PerMinute = [0] };
        var newer = older with { Sequence = 5, Events = 90 };
        var sameSequenceMore = older with { DeadLettered = 1 };

        Assert.True(newer.Supersedes(older));
        Assert.False(older.Supersedes(newer));
        Assert.True(sameSequenceMore.Supersedes(older));
        Assert.False(older.Supersedes(older with { }));
    }
}
