namespace Aggregator.Reports;

/// <summary>Top pages and biggest movers, ordered deterministically (ties by path, ordinal) so a summary is reproducible.</summary>
internal static class PageRanking
{
    /// <summary>The <paramref name="count"/> pages with the most views, most first; equal views by path.</summary>
    public static IReadOnlyList<KeyValuePair<string, long>> Top(IReadOnlyDictionary<string, long> views, int count)
    {
        ArgumentNullException.ThrowIfNull(views);
        return [.. views
            .Where(v => v.Value > 0)
            .OrderByDescending(v => v.Value)
            .ThenBy(v => v.Key, StringComparer.Ordinal)
            .Take(count)];
    }

    /// <summary>
    /// Pages whose views changed by at least <see cref="SummaryOptions.MoverMinChange"/> and, when they had views
    /// before, by at least <see cref="SummaryOptions.MoverMinRelativeChange"/> of them; the largest absolute
    /// change first (a page that appeared or vanished counts with its whole volume).
    /// </summary>
    public static IReadOnlyList<PageMove> Movers(IntervalReport current, IntervalReport previous, SummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(options);
        var paths = current.PageViews.Keys.Union(previous.PageViews.Keys, StringComparer.Ordinal);
        return [.. paths
            .Select(path => new PageMove(path, previous.PageViews.GetValueOrDefault(path), current.PageViews.GetValueOrDefault(path)))
            .Where(move => IsNotable(move, options))
            .OrderByDescending(move => Math.Abs(move.Change))
            .ThenBy(move => move.Path, StringComparer.Ordinal)
            .Take(options.Movers)];
    }

    private static bool IsNotable(PageMove move, SummaryOptions options)
    {
        var change = Math.Abs(move.Change);
        return change >= options.MoverMinChange
            && (move.Previous == 0 || change >= options.MoverMinRelativeChange * move.Previous);
    }
}
