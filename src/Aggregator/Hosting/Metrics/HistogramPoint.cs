namespace Aggregator.Hosting.Metrics;

/// <summary>A histogram sample.</summary>
/// <param name="Labels">The series' labels (without <c>le</c>).</param>
/// <param name="Bounds">The finite upper bounds, ascending.</param>
/// <param name="CumulativeCounts">One more than <paramref name="Bounds"/>: the last is the <c>+Inf</c> bucket.</param>
/// <param name="Sum">The sum of all measurements.</param>
internal sealed record HistogramPoint(LabelSet Labels, IReadOnlyList<double> Bounds, IReadOnlyList<long> CumulativeCounts, double Sum)
    : MetricPoint(Labels)
{
    public long Count => CumulativeCounts[^1];
}
