using System.Diagnostics.Metrics;
using Aggregator.Hosting.Metrics;
using OpenTelemetry.Metrics;

namespace Aggregator.Tests.Hosting.Metrics;

public sealed class MetricViewsTests
{
    private static readonly PrometheusMetricsOptions Options = new() { HistogramBucketBoundaries = [0.1, 1], MaxSeriesPerMetric = 7 };

    [Fact]
    public void HistogramWithoutAdvice_GetsTheConfiguredBounds_AndTheSeriesLimit()
    {
        using var meter = new Meter("Test.Views");

        var view = Assert.IsType<ExplicitBucketHistogramConfiguration>(MetricViews.For(meter.CreateHistogram<long>("h", "s"), Options));

        Assert.Equal([0.1, 1], view.Boundaries!);
        Assert.Equal(7, view.CardinalityLimit);
    }

    [Fact]
    public void HistogramWithAdvice_KeepsItsOwnBounds()
    {
        using var meter = new Meter("Test.Views");
        var histogram = meter.CreateHistogram<double>("h", "s", null, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [5] });

        var view = MetricViews.For(histogram, Options);

        Assert.IsNotType<ExplicitBucketHistogramConfiguration>(view);
        Assert.Equal(7, view.CardinalityLimit);
    }

    [Fact]
    public void OtherInstruments_GetTheSeriesLimitOnly()
    {
        using var meter = new Meter("Test.Views");

        var view = MetricViews.For(meter.CreateCounter<long>("c"), Options);

        Assert.IsNotType<ExplicitBucketHistogramConfiguration>(view);
        Assert.Equal(7, view.CardinalityLimit);
    }
}
