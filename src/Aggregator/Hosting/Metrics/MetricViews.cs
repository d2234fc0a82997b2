using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Aggregator.Hosting.Metrics;

/// <summary>
/// The one OpenTelemetry view every exported instrument goes through: the configured series limit, and for
/// histograms without bucket advice the configured bounds (OpenTelemetry's default bounds are for milliseconds,
/// and our histograms are in seconds).
/// </summary>
internal static class MetricViews
{
    public static MetricStreamConfiguration For(Instrument instrument, PrometheusMetricsOptions options) =>
        IsHistogram(instrument) && !HasBucketAdvice(instrument)
            ? new ExplicitBucketHistogramConfiguration
            {
                Boundaries = [.. options.HistogramBucketBoundaries],
                CardinalityLimit = options.MaxSeriesPerMetric,
            }
            : new MetricStreamConfiguration { CardinalityLimit = options.MaxSeriesPerMetric };

    private static bool IsHistogram(Instrument instrument) =>
        instrument.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(Histogram<>);

    // Advice lives on the generic Instrument<T>; these are the value types System.Diagnostics.Metrics allows.
    private static bool HasBucketAdvice(Instrument instrument) => instrument switch
    {
        Instrument<double> i => i.Advice?.HistogramBucketBoundaries is not null,
        Instrument<float> i => i.Advice?.HistogramBucketBoundaries is not null,
        Instrument<long> i => i.Advice?.HistogramBucketBoundaries is not null,
        Instrument<int> i => i.Advice?.HistogramBucketBoundaries is not null,
        Instrument<short> i => i.Advice?.HistogramBucketBoundaries is not null,
        Instrument<byte> i => i.Advice?.HistogramBucketBoundaries is not null,
        Instrument<decimal> i => i.Advice?.HistogramBucketBoundaries is not null,
        _ => false,
    };
}
