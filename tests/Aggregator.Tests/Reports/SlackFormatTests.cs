using Aggregator.Reports;

namespace Aggregator.Tests.Reports;

public sealed class SlackFormatTests
{
    private static readonly long T10 = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1234, "1,234")]
    [InlineData(1234567, "1,234,567")]
    [InlineData(-4321, "-4,321")]
    public void Number_UsesInvariantThousandsSeparators(long value, string expected) =>
        Assert.Equal(expected, SlackFormat.Number(value));

    [Theory]
    [InlineData(1120, 1000, "+12%")]
    [InlineData(965, 1000, "-3.5%")]
    [InlineData(1000, 1000, "±0%")]
    [InlineData(1000, 999, "+0.1%")]
    [InlineData(0, 500, "-100%")]
    [InlineData(4000, 1000, "+300%")]
    public void Change_IsRelativeToPrevious(long current, long previous, string expected) =>
        Assert.Equal(expected, SlackFormat.Change(current, previous));

    [Fact]
    public void Change_IsNull_WithoutAPreviousValue() => Assert.Null(SlackFormat.Change(10, 0));

    [Theory]
    [InlineData(0.0034, "0.34%")]
    [InlineData(0.052, "5.2%")]
    [InlineData(0.5, "50%")]
    [InlineData(0.0, "0%")]
    public void Percent_KeepsTwoSignificantDigitsForSmallShares(double fraction, string expected) =>
        Assert.Equal(expected, SlackFormat.Percent(fraction));

    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(7 * 60 + 30, "7 min")]
    [InlineData(3600, "1 h")]
    [InlineData(3900, "1 h 5 min")]
    [InlineData(2 * 86400 + 3 * 3600, "2 d 3 h")]
    [InlineData(-5, "0 s")]
    public void Duration_IsShortAndHuman(int seconds, string expected) =>
        Assert.Equal(expected, SlackFormat.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Times_AreUtc()
    {
        Assert.Equal("10:00–10:10", SlackFormat.Range(T10, T10 + 600_000));
        Assert.Equal("Sat 21 Nov", SlackFormat.Day(T10));
        Assert.Equal("2026-11-21T10:00Z", SlackFormat.MinuteId(T10));
        Assert.Equal("10:00:42", SlackFormat.TimeWithSeconds(T10 + 42_000));
    }

    [Fact]
    public void Code_EscapesMarkupAndBackticks() =>
        Assert.Equal("`/a&lt;!here&gt;'b`", SlackFormat.Code("/a<!here>`b"));
}
