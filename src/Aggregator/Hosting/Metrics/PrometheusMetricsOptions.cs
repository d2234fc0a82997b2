using System.ComponentModel.DataAnnotations;

namespace Aggregator.Hosting.Metrics;

/// <summary>What the <c>/metrics</c> endpoint exports.</summary>
/// <remarks>
/// Set in code (<c>services.Configure&lt;PrometheusMetricsOptions&gt;(...)</c>). When binding from configuration,
/// note that the binder appends configured list items to the defaults instead of replacing them.
/// </remarks>
internal sealed class PrometheusMetricsOptions : IValidatableObject
{
    /// <summary>
    /// Meters to export, as OpenTelemetry's <c>AddMeter</c> reads them: an exact name, or a prefix ending in
    /// <c>*</c>. The default takes every meter whose name starts with <c>Aggregator</c> (<c>Aggregator</c>,
    /// <c>Aggregator.Streams</c>…), including meters created after start-up. The process and runtime meters
    /// (docs/metrics.md) are exported in any case.
    /// </summary>
    [MinLength(1)]
    public IReadOnlyList<string> MeterNames { get; set; } = ["Aggregator*"];

    /// <summary>
    /// Upper bounds of histogram buckets, ascending and finite (the <c>+Inf</c> bucket is implicit). The default
    /// suits durations in seconds, from a millisecond to ten seconds (OpenTelemetry's own default is meant for
    /// milliseconds). An instrument's own advice (<c>InstrumentAdvice.HistogramBucketBoundaries</c>) takes precedence.
    /// </summary>
    public IReadOnlyList<double> HistogramBucketBoundaries { get; set; } =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>
    /// Series per metric (OpenTelemetry's cardinality limit); further tag combinations are summed into one more
    /// series labelled <c>otel_metric_overflow="true"</c>.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxSeriesPerMetric { get; set; } = 2000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MeterNames.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("Meter names must not be blank.", [nameof(MeterNames)]);
        }

        for (var i = 0; i < HistogramBucketBoundaries.Count; i++)
        {
            if (!double.IsFinite(HistogramBucketBoundaries[i]) || (i > 0 && HistogramBucketBoundaries[i] <= HistogramBucketBoundaries[i - 1]))
            {
                yield return new ValidationResult(
                    "Histogram bucket boundaries must be finite and strictly ascending.", [nameof(HistogramBucketBoundaries)]);
                yield break;
            }
        }
    }
}
