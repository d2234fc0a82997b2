using System.Text;
using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

public sealed class UtcTimestampTests
{
    [Theory]
    [InlineData("2026-11-21T10:05:00.123+09:00", "2026-11-21T01:05:00.123Z")]
    [InlineData("0001-01-01T00:00:00.000+00:00", "0001-01-01T00:00:00.000Z")]
    [InlineData("9999-12-31T23:59:59.999+00:00", "9999-12-31T23:59:59.999Z")]
    [InlineData("2024-02-29T00:00:00.007-01:00", "2024-02-29T01:00:00.007Z")]
    public void ToString_WritesUtcWithMilliseconds(string input, string expected)
    {
        Assert.Equal(expected, UtcTimestamp.ToString(DateTimeOffset.Parse(input, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void TruncateToMilliseconds_DropsTicksAndOffset()
    {
        var value = new DateTimeOffset(2026, 11, 21, 10, 5, 0, 123, TimeSpan.FromHours(9)).AddTicks(9999);

        var truncated = UtcTimestamp.TruncateToMilliseconds(value);

        Assert.Equal(TimeSpan.Zero, truncated.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 1, 5, 0, 123, TimeSpan.Zero), truncated);
    }

    [Theory]
    [InlineData("2026-11-21T01:05:00.123Z")]
    [InlineData("2024-02-29T23:59:59.999Z")]
    public void TryParse_ReadsWhatFormatWrites(string text)
    {
        Assert.True(UtcTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(text, UtcTimestamp.ToString(value));
    }

    [Theory]
    [InlineData("2026-11-21T01:05:00.123+00:00")]
    [InlineData("2026-11-21T01:05:00Z")]
    [InlineData("2026-02-29T01:05:00.123Z")]
    [InlineData("2026-11-21T24:05:00.123Z")]
    [InlineData("2026-1x-21T01:05:00.123Z")]
    [InlineData("0000-11-21T01:05:00.123Z")]
    public void TryParse_RejectsAnythingElse(string text)
    {
        Assert.False(UtcTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }
}
