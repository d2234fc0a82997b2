namespace Aggregator.Tests.Hosting.Metrics;

/// <summary>The test parser must reject what Prometheus rejects, or the format checks built on it prove nothing.</summary>
public sealed class ExpositionTests
{
    private const string Valid = """
        # HELP a_total Requests \\ with "quotes"\nand a second line.
        # TYPE a_total counter
        a_total{k="v \"q\" \\ \n"} 1
        # TYPE h_seconds histogram
        h_seconds_bucket{le="0.5"} 1
        h_seconds_bucket{le="+Inf"} 2
        h_seconds_sum 1.5
        h_seconds_count 2
        # TYPE g gauge
        # HELP g A HELP after its TYPE.
        g NaN
        g{x="1"} -Inf
        g{x="2"} 1.5E-07

        """;

    [Fact]
    public void Parse_AcceptsValidExposition()
    {
        var exposition = Exposition.Parse(Valid);

        Assert.Equal(["a_total", "h_seconds", "g"], exposition.Families.Select(f => f.Name));
        Assert.Equal("Requests \\ with \"quotes\"\nand a second line.", exposition.Family("a_total").Help);
        Assert.Equal("A HELP after its TYPE.", exposition.Family("g").Help);
        Assert.Equal(1, exposition.Value("a_total", ("k", "v \"q\" \\ \n")));
        Assert.Equal(2, exposition.Value("h_seconds_count"));
        Assert.True(double.IsNaN(exposition.Value("g")));
        Assert.Equal(1.5e-7, exposition.Value("g", ("x", "2")));
    }

    [Theory]
    [InlineData("# TYPE a counter\na 1", "no final line feed")]
    [InlineData("# TYPE a counter\r\na 1\r\n", "carriage return")]
    [InlineData("a 1\n", "sample without TYPE")]
    [InlineData("# TYPE a counter\n\na 1\n", "blank line")]
    [InlineData("# TYPE a counter\n# TYPE a counter\na 1\n", "TYPE twice")]
    [InlineData("# TYPE a counter\na 1\n# HELP a late\n", "HELP after a sample")]
    [InlineData("# TYPE a counter\n# HELP a one\n# HELP a two\na 1\n", "HELP twice after TYPE")]
    [InlineData("# TYPE a counter\nb 1\n", "sample of another family")]
    [InlineData("# TYPE a counter\na 1\n# TYPE b gauge\nb 1\na 2\n", "family interleaved")]
    [InlineData("# TYPE a counter\na 1\na 2\n", "duplicate series")]
    [InlineData("# TYPE a counter\na -1\n", "negative counter")]
    [InlineData("# TYPE a gauge\na 1,5\n", "decimal comma")]
    [InlineData("# TYPE a gauge\na Infinity\n", "non-Prometheus infinity")]
    [InlineData("# TYPE a gauge\na{} 1\n", "empty braces")]
    [InlineData("# TYPE a gauge\na{k=\"v\",} 1\n", "trailing comma")]
    [InlineData("# TYPE a gauge\na{k=\"v\",k=\"w\"} 1\n", "label twice")]
    [InlineData("# TYPE a gauge\na{k=\"a\\tb\"} 1\n", "invalid escape")]
    [InlineData("# TYPE a gauge\na{k.x=\"v\"} 1\n", "invalid label name")]
    [InlineData("# TYPE a.b gauge\na.b 1\n", "invalid metric name")]
    [InlineData("# TYPE a gauge\n", "family without samples")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "buckets not cumulative")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "no +Inf bucket")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n", "count differs from +Inf bucket")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n", "no sum")]
    public void Parse_RejectsInvalidExposition(string text, string because)
    {
        var error = Record.Exception(() => Exposition.Parse(text));

        Assert.True(error is FormatException, $"expected a FormatException for {because}, got {error?.GetType().Name ?? "none"}");
    }
}
