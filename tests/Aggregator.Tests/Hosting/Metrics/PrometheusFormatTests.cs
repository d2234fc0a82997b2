using Aggregator.Hosting.Metrics;

namespace Aggregator.Tests.Hosting.Metrics;

public sealed class PrometheusFormatTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("say \"hi\"", "say \"hi\"")]
    public void EscapeHelp_EscapesBackslashAndLineFeed_NotQuotes(string help, string expected) =>
        Assert.Equal(expected, PrometheusFormat.EscapeHelp(help));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("\\\"\n", "\\\\\\\"\\n")]
    public void EscapeLabelValue_EscapesBackslashQuoteAndLineFeed(string value, string expected) =>
        Assert.Equal(expected, PrometheusFormat.EscapeLabelValue(value));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(42.0, "42")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0025, "0.0025")]
    [InlineData(1e21, "1E+21")]
    [InlineData(1.5e-7, "1.5E-07")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void FormatDouble_IsInvariantAndUsesPrometheusSpecialValues(double value, string expected) =>
        Assert.Equal(expected, PrometheusFormat.FormatDouble(value));

    [Fact]
    public void FormatDouble_RoundTrips()
    {
        foreach (var value in new[] { Math.PI, 1.0 / 3, double.MaxValue, double.Epsilon, 123456789.123456789 })
        {
            Assert.Equal(value, Exposition.ParseValue(PrometheusFormat.FormatDouble(value)));
        }
    }
}
