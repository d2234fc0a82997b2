using Aggregator.Hosting.Metrics;

namespace Aggregator.Tests.Hosting.Metrics;

public sealed class PrometheusMetricsOptionsTests
{
    private static string? Failure(PrometheusMetricsOptions options) => new PrometheusMetricsOptionsValidator().Validate(null, options).FailureMessage;

    [Fact]
    public void Defaults_AreValid_AndCoverTheAggregatorMeters()
    {
        var options = new PrometheusMetricsOptions();

        Assert.Null(Failure(options));
        Assert.Equal(["Aggregator*"], options.MeterNames);
        Assert.Equal(0.001, options.HistogramBucketBoundaries[0]);
        Assert.Equal(10, options.HistogramBucketBoundaries[^1]);
    }

    [Theory]
    [InlineData(new[] { 1.0, 1.0 })]
    [InlineData(new[] { 2.0, 1.0 })]
    [InlineData(new[] { 1.0, double.PositiveInfinity })]
    [InlineData(new[] { double.NaN })]
    public void Boundaries_MustBeFiniteAndStrictlyAscending(double[] bounds) =>
        Assert.Contains("strictly ascending", Failure(new PrometheusMetricsOptions { HistogramBucketBoundaries = bounds }));

    [Fact]
    public void MeterNames_MustNotBeEmptyOrBlank()
    {
        Assert.Contains(nameof(PrometheusMetricsOptions.MeterNames), Failure(new PrometheusMetricsOptions { MeterNames = [] }));
        Assert.Contains("blank", Failure(new PrometheusMetricsOptions { MeterNames = ["Aggregator", " "] }));
    }

    [Fact]
    public void MaxSeriesPerMetric_MustBePositive() =>
        Assert.Contains(nameof(PrometheusMetricsOptions.MaxSeriesPerMetric), Failure(new PrometheusMetricsOptions { MaxSeriesPerMetric = 0 }));
}
