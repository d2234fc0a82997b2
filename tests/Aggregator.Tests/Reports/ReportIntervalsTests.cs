using Aggregator.Reports;

namespace Aggregator.Tests.Reports;

public sealed class ReportIntervalsTests
{
    private static readonly long T10 = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(599_999, 0)]
    [InlineData(600_000, 600_000)]
    [InlineData(-1, -600_000)]
    public void StartOf_AlignsToTheEpoch(long offset, long expected)
    {
        Assert.Equal(T10 + expected, ReportIntervals.StartOf(T10 + offset, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void StartOf_RejectsIntervalsThatAreNotWholeMinutes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportIntervals.StartOf(T10, TimeSpan.FromSeconds(90)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportIntervals.StartOf(T10, TimeSpan.Zero));
    }
}
