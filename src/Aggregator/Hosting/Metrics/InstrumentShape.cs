using System.Diagnostics.Metrics;

namespace Aggregator.Hosting.Metrics;

/// <summary>What an instrument becomes in Prometheus: its type, how it aggregates, whether it is read at scrape.</summary>
internal readonly record struct InstrumentShape(PrometheusMetricType Type, Aggregation Aggregation, bool IsObservable)
{
    /// <summary>The shape of a known instrument kind; null for kinds this exporter does not understand.</summary>
    public static InstrumentShape? Of(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var kind = type.GetGenericTypeDefinition();
        if (kind == typeof(Counter<>))
        {
            return new(PrometheusMetricType.Counter, Aggregation.Sum, IsObservable: false);
        }

        if (kind == typeof(UpDownCounter<>))
        {
            return new(PrometheusMetricType.Gauge, Aggregation.Sum, IsObservable: false);
        }

        if (kind == typeof(Gauge<>))
        {
            return new(PrometheusMetricType.Gauge, Aggregation.LastValue, IsObservable: false);
        }

        if (kind == typeof(Histogram<>))
        {
            return new(PrometheusMetricType.Histogram, Aggregation.Histogram, IsObservable: false);
        }

        // Observable counters report the running total themselves, so the exporter keeps the last observation.
        if (kind == typeof(ObservableCounter<>))
        {
            return new(PrometheusMetricType.Counter, Aggregation.LastValue, IsObservable: true);
        }

        if (kind == typeof(ObservableUpDownCounter<>) || kind == typeof(ObservableGauge<>))
        {
            return new(PrometheusMetricType.Gauge, Aggregation.LastValue, IsObservable: true);
        }

        return null;
    }
}
