using System.Runtime.InteropServices;

namespace Aggregator.Reports;

/// <summary>
/// Merges the partials of one interval into its <see cref="IntervalReport"/>: per source only the latest partial
/// counts (<see cref="ReportPartial.Supersedes"/>; partials are cumulative, so older ones and duplicates are
/// already contained in it), then counts, dictionaries and per-minute arrays are summed and user sketches united.
/// Pure; the order of the partials does not matter.
/// </summary>
internal static class ReportMerger
{
    /// <summary>Merges partials that all belong to the same interval.</summary>
    /// <exception cref="ArgumentException">No partials (use the overload with the interval), or partials of different intervals.</exception>
    public static IntervalReport Merge(IEnumerable<ReportPartial> partials)
    {
        ArgumentNullException.ThrowIfNull(partials);
        var list = partials as IReadOnlyList<ReportPartial> ?? [.. partials];
        if (list.Count == 0)
        {
            throw new ArgumentException("No partials: pass the interval explicitly to report a silent interval.", nameof(partials));
        }

        return Merge(list[0].IntervalStart, list[0].IntervalEnd, list);
    }

    /// <summary>
    /// Merges the partials of the interval [<paramref name="intervalStart"/>, <paramref name="intervalEnd"/>);
    /// with none, the report is the silent interval (all zero, no sources).
    /// </summary>
    /// <exception cref="ArgumentException">A partial of another interval.</exception>
    public static IntervalReport Merge(long intervalStart, long intervalEnd, IEnumerable<ReportPartial> partials)
    {
        ArgumentNullException.ThrowIfNull(partials);
        var latest = LatestPerSource(intervalStart, intervalEnd, partials);

        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        var pageViews = new Dictionary<string, long>(StringComparer.Ordinal);
        var perMinute = new long[ReportIntervals.MinutesIn(intervalStart, intervalEnd)];
        var users = new HyperLogLog();
        long events = 0, other = 0, errors = 0, late = 0, dead = 0, optedOut = 0, duplicates = 0;
        foreach (var partial in latest.Values)
        {
            events += partial.Events;
            other += partial.OtherPageViews;
            errors += partial.Errors;
            late += partial.LateDropped;
            dead += partial.DeadLettered;
            optedOut += partial.OptedOut;
            duplicates += partial.Duplicates;
            AddAll(byType, partial.ByType);
            AddAll(pageViews, partial.PageViews);
            for (var i = 0; i < perMinute.Length; i++)
            {
                perMinute[i] += partial.PerMinute[i];
            }

            users.Merge(partial.Users);
        }

        return new IntervalReport
        {
            IntervalStart = intervalStart,
            IntervalEnd = intervalEnd,
            Events = events,
            ByType = byType,
            PageViews = pageViews,
            OtherPageViews = other,
            PerMinute = perMinute,
            UniqueUsers = users.Estimate(),
            Errors = errors,
            LateDropped = late,
            DeadLettered = dead,
            OptedOut = optedOut,
            Duplicates = duplicates,
            Sources = [.. latest.Keys],
        };
    }

    private static SortedDictionary<string, ReportPartial> LatestPerSource(long intervalStart, long intervalEnd, IEnumerable<ReportPartial> partials)
    {
        if (intervalEnd <= intervalStart || (intervalEnd - intervalStart) % ReportIntervals.MinuteMs != 0)
        {
            throw new ArgumentException("An interval is a positive whole number of minutes.", nameof(intervalEnd));
        }

        var latest = new SortedDictionary<string, ReportPartial>(StringComparer.Ordinal);
        foreach (var partial in partials)
        {
            ArgumentNullException.ThrowIfNull(partial, nameof(partials));
            if (partial.IntervalStart != intervalStart || partial.IntervalEnd != intervalEnd)
            {
                throw new ArgumentException(
                    $"Partial from {partial.Source} is for [{partial.IntervalStart}, {partial.IntervalEnd}), not [{intervalStart}, {intervalEnd}).",
                    nameof(partials));
            }

            partial.Validate();
            if (!latest.TryGetValue(partial.Source, out var current) || partial.Supersedes(current))
            {
                latest[partial.Source] = partial;
            }
        }

        return latest;
    }

    private static void AddAll(Dictionary<string, long> target, IReadOnlyDictionary<string, long> counts)
    {
        foreach (var (key, count) in counts)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(target, key, out _) += count;
        }
    }
}
