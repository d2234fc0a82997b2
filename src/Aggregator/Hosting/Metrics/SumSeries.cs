namespace Aggregator.Hosting.Metrics;

/// <summary>A running sum (counters and up-down counters).</summary>
internal sealed class SumSeries(LabelSet labels, bool monotonic) : MetricSeries(labels)
{
    private double _sum;

    public override void Record(double value)
    {
        // A NaN or infinity would stick in the sum for the life of the process, and a negative increment would
        // make a Prometheus counter look like it was reset; such measurements are dropped.
        if (!double.IsFinite(value) || (monotonic && value < 0))
        {
            return;
        }

        AtomicDouble.Add(ref _sum, value);
    }

    public override MetricPoint Snapshot() => new ValuePoint(Labels, Volatile.Read(ref _sum));
}
