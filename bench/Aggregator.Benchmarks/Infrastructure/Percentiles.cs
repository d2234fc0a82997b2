namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>Nearest-rank percentiles of a set of latencies.</summary>
internal static class Percentiles
{
    public static double Of(List<double> sortedAscending, double percentile)
    {
        if (sortedAscending.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sortedAscending.Count);
        return sortedAscending[Math.Clamp(rank - 1, 0, sortedAscending.Count - 1)];
    }
}
