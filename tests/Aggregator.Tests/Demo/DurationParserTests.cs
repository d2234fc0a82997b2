using Aggregator.Demo;

namespace Aggregator.Tests.Demo;

public class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 0, 0, 0, 500)]
    [InlineData("30s", 0, 0, 30, 0)]
    [InlineData("5m", 0, 5, 0, 0)]
    [InlineData("5min", 0, 5, 0, 0)]
    [InlineData("1h", 1, 0, 0, 0)]
    [InlineData("2d", 48, 0, 0, 0)]
    [InlineData("1h30m", 1, 30, 0, 0)]
    [InlineData("1m30s250ms", 0, 1, 30, 250)]
    [InlineData("1.5h", 1, 30, 0, 0)]
    [InlineData(" 10s ", 0, 0, 10, 0)]
    [InlineData("0s", 0, 0, 0, 0)]
    [InlineData("00:05:00", 0, 5, 0, 0)]
    [InlineData("01:02:03.5", 1, 2, 3, 500)]
    [InlineData("1.02:00:00", 26, 0, 0, 0)]
    public void Parse_Accepts(string text, int hours, int minutes, int seconds, int milliseconds)
    {
        var expected = new TimeSpan(0, hours, minutes, seconds, milliseconds);

        Assert.True(DurationParser.TryParse(text, out var value), text);
        Assert.Equal(expected, value);
        Assert.Equal(expected, DurationParser.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("30")] // a bare number: seconds or minutes? Refused rather than guessed.
    [InlineData("5 minutes")]
    [InlineData("5x")]
    [InlineData("m5")]
    [InlineData("-5m")]
    [InlineData("30m1h")] // units out of order
    [InlineData("5m5m")] // a unit twice
    [InlineData("1..5h")]
    [InlineData("-00:05:00")]
    [InlineData("25:99:00")]
    public void TryParse_Rejects(string? text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }

    [Fact]
    public void Parse_Rejects_WithMessageNamingTheInputAndTheAcceptedForms()
    {
        var ex = Assert.Throws<FormatException>(() => DurationParser.Parse("5 minutes"));

        Assert.Contains("'5 minutes'", ex.Message);
        Assert.Contains("30s", ex.Message);
        Assert.Contains("hh:mm:ss", ex.Message);
    }
}
