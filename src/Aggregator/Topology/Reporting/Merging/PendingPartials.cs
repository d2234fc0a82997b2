using Aggregator.Reports;

namespace Aggregator.Topology.Reporting.Merging;

/// <summary>
/// The latest partial per (interval, source) of the intervals not reported yet, in memory and in the store (so a
/// restart or failover loses none). Partials are cumulative: a newer one from the same source replaces the older.
/// </summary>
internal sealed class PendingPartials(IReportingStore store)
{
    private readonly SortedDictionary<long, Dictionary<string, ReportPartial>> _byInterval = [];

    public bool IsEmpty => _byInterval.Count == 0;

    /// <summary>Start of the earliest interval holding a partial; only when not <see cref="IsEmpty"/>.</summary>
    public long Earliest
    {
        get
        {
            foreach (var start in _byInterval.Keys)
            {
                return start;
            }

            throw new InvalidOperationException("No partials.");
        }
    }

    public bool Holds(long intervalStart) => _byInterval.ContainsKey(intervalStart);

    public void Restore(ReportPartial partial) => BySource(partial.IntervalStart)[partial.Source] = partial;

    /// <summary>
    /// Keeps <paramref name="partial"/> unless its source already sent a later one; true when it brought news for
    /// the stalled-pipeline alarm (the first from its source, more events or more dead letters).
    /// </summary>
    public bool Accept(ReportPartial partial)
    {
        var bySource = BySource(partial.IntervalStart);
        if (bySource.TryGetValue(partial.Source, out var existing) && !partial.Supersedes(existing))
        {
            return false;
        }

        bySource[partial.Source] = partial;
        store.Put(MergerKey.Partial(partial.IntervalStart, partial.Source).Encode(), partial.ToUtf8Json());
        return existing is null || partial.Events > existing.Events || partial.DeadLettered > existing.DeadLettered;
    }

    /// <summary>Removes and returns the partials of the interval starting at <paramref name="intervalStart"/> (none: empty).</summary>
    public List<ReportPartial> Take(long intervalStart)
    {
        if (!_byInterval.Remove(intervalStart, out var bySource))
        {
            return [];
        }

        var partials = new List<ReportPartial>(bySource.Count);
        foreach (var (source, partial) in bySource)
        {
            store.Delete(MergerKey.Partial(intervalStart, source).Encode());
            partials.Add(partial);
        }

        return partials;
    }

    private Dictionary<string, ReportPartial> BySource(long intervalStart)
    {
        if (!_byInterval.TryGetValue(intervalStart, out var bySource))
        {
            bySource = new Dictionary<string, ReportPartial>(StringComparer.Ordinal);
            _byInterval[intervalStart] = bySource;
        }

        return bySource;
    }
}
