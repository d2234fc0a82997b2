using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

public sealed class EventTimeBoundsTests
{
    [Theory]
    [InlineData(30 * 24 * 60 * 60, "30-day")]
    [InlineData(60 * 60, "1-hour")]
    [InlineData(36 * 60 * 60, "36-hour")]
    [InlineData(90 * 60, "90-minute")]
    [InlineData(45, "45-second")]
    public void DescribeSpan_NamesTheBoundInItsLargestWholeUnit(int seconds, string expected)
    {
        Assert.Equal(expected, EventTimeBounds.DescribeSpan(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Check_IsInclusiveAtBothEnds()
    {
        var ingest = TestEvents.Ingest;
        var bounds = new EventTimeBounds(ingest, TimeSpan.FromDays(30), TimeSpan.FromHours(1));
        var earliest = ingest.AddDays(-30).ToUnixTimeMilliseconds();
        var latest = ingest.AddHours(1).ToUnixTimeMilliseconds();

        Assert.Null(bounds.Check(earliest));
        Assert.Null(bounds.Check(latest));
        Assert.Equal(RejectionCodes.TimestampTooOld, bounds.Check(earliest - 1)!.Code);
        Assert.Equal(RejectionCodes.TimestampInFuture, bounds.Check(latest + 1)!.Code);
    }

    [Fact]
    public void Check_DescribesUnrepresentableTimes_AsEpochMilliseconds()
    {
        var bounds = new EventTimeBounds(TestEvents.Ingest, TimeSpan.FromDays(30), TimeSpan.FromHours(1));

        Assert.StartsWith("timestamp 9223372036854775807 (epoch ms) is later than", bounds.Check(long.MaxValue)!.Detail, StringComparison.Ordinal);
    }
}
