using Microsoft.Extensions.Logging;

namespace Aggregator.Hosting.Metrics;

/// <summary>The metrics exporter's log messages (event ids 8000-8099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Warning,
        Message = "Instrument {Instrument} of meter {Meter} is not exported: {MetricName} is already exported as a {ExistingType} with different semantics")]
    public static partial void InstrumentConflict(ILogger logger, string instrument, string meter, string metricName, PrometheusMetricType existingType);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning,
        Message = "{MetricName} reached {Limit} series; further tag combinations are summed into the otel_metric_overflow series")]
    public static partial void SeriesLimitReached(ILogger logger, string metricName, int limit);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning,
        Message = "An observable instrument's callback failed during a scrape; the series it did not report are missing from this scrape")]
    public static partial void ObservableCallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Debug,
        Message = "Instrument {Instrument} of meter {Meter} is not exported: unsupported instrument type {InstrumentType}")]
    public static partial void UnsupportedInstrument(ILogger logger, string instrument, string meter, string instrumentType);
}
