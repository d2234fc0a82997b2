using Aggregator.Demo;

namespace Aggregator.Tests.Demo;

public class IsoTimestampTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 21, 1, 5, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData(9, 0, "IsoWithOffset", "2026-11-21T10:05:00.123+09:00")]
    [InlineData(-5, 0, "IsoWithOffset", "2026-11-20T20:05:00.123-05:00")]
    [InlineData(5, 30, "IsoWithOffset", "2026-11-21T06:35:00.123+05:30")]
    [InlineData(-3, -30, "IsoWithOffset", "2026-11-20T21:35:00.123-03:30")]
    [InlineData(0, 0, "IsoWithOffset", "2026-11-21T01:05:00.123+00:00")]
    [InlineData(0, 0, "IsoUtc", "2026-11-21T01:05:00.123Z")]
    [InlineData(9, 0, "IsoSeconds", "2026-11-21T10:05:00+09:00")]
    public void Formats_LikeTheContractExample(int hours, int minutes, string styleName, string expected)
    {
        var style = Enum.Parse<TimestampStyle>(styleName);
        var offset = new TimeSpan(hours, minutes, 0);

        var text = IsoTimestamp.ToString(Time, offset, style);

        Assert.Equal(expected, text);
        var parsed = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(style == TimestampStyle.IsoSeconds ? Time.AddMilliseconds(-123) : Time, parsed);
    }

    [Fact]
    public void LeadingZeroMilliseconds_AreKept()
    {
        Assert.Equal("2026-11-21T01:05:00.007Z", IsoTimestamp.ToString(new DateTimeOffset(2026, 11, 21, 1, 5, 0, 7, TimeSpan.Zero), TimeSpan.Zero, TimestampStyle.IsoUtc));
    }
}
