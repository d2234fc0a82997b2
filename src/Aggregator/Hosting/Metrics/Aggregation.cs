namespace Aggregator.Hosting.Metrics;

/// <summary>How the measurements of one series are combined between scrapes.</summary>
internal enum Aggregation
{
    /// <summary>Running sum (counters, up-down counters).</summary>
    Sum,

    /// <summary>The latest value (gauges, and every observable instrument: those report their current total).</summary>
    LastValue,

    /// <summary>Bucket counts, sum and count.</summary>
    Histogram,
}
