namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>Nearest-rank percentiles of a sorted sample (the value below which p of the sample lies, itself a sample).</summary>
internal static class Percentile
{
    /// <summary><paramref name="p"/> in [0, 1] of <paramref name="sorted"/> (ascending); NaN for an empty sample.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
