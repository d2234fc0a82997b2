namespace Aggregator.Hosting.Metrics;

/// <summary>The Prometheus metric types this exporter writes (the <c># TYPE</c> line).</summary>
internal enum PrometheusMetricType
{
    Counter,
    Gauge,
    Histogram,
}
