namespace Aggregator.Hosting.Metrics;

/// <summary>One metric family of a scrape: its name (with suffixes), type, help text and series.</summary>
internal sealed record MetricFamily(string Name, PrometheusMetricType Type, string? Help, IReadOnlyList<MetricPoint> Points);
