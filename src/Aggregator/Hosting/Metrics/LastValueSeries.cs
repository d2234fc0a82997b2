namespace Aggregator.Hosting.Metrics;

/// <summary>The latest measurement (gauges and observable instruments); NaN is kept: it is a valid gauge value.</summary>
internal sealed class LastValueSeries(LabelSet labels) : MetricSeries(labels)
{
    private double _value;

    // Interlocked, not a plain store: a double write is not atomic on 32-bit platforms.
    public override void Record(double value) => Interlocked.Exchange(ref _value, value);

    public override MetricPoint Snapshot() => new ValuePoint(Labels, Interlocked.CompareExchange(ref _value, 0, 0));
}
