namespace Aggregator.Hosting.Metrics;

/// <summary>Per-bucket counts (not cumulative: one increment per measurement) and the sum of a histogram.</summary>
internal sealed class HistogramSeries : MetricSeries
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;

    /// <param name="labels">The series' labels.</param>
    /// <param name="bounds">Upper bounds (inclusive, ascending, finite); the <c>+Inf</c> bucket is implicit.</param>
    public HistogramSeries(LabelSet labels, double[] bounds)
        : base(labels)
    {
        _bounds = bounds;
        _counts = new long[bounds.Length + 1];
    }

    public override void Record(double value)
    {
        // NaN has no bucket, and a NaN or infinity would poison _sum for good.
        if (!double.IsFinite(value))
        {
            return;
        }

        // Prometheus buckets are "less than or equal": an exact hit on a bound belongs to that bound's bucket,
        // which is what BinarySearch returns; otherwise its complement is the first bound above the value.
        var index = Array.BinarySearch(_bounds, value);
        Interlocked.Increment(ref _counts[index < 0 ? ~index : index]);
        AtomicDouble.Add(ref _sum, value);
    }

    /// <remarks>
    /// The count is derived from the buckets rather than kept separately, so <c>_count</c> always equals the
    /// <c>+Inf</c> bucket even while measurements race with the scrape (Prometheus rejects the opposite).
    /// </remarks>
    public override MetricPoint Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Volatile.Read(ref _counts[i]);
            cumulative[i] = running;
        }

        return new HistogramPoint(Labels, _bounds, cumulative, Volatile.Read(ref _sum));
    }
}
