namespace Aggregator.Topology.Reporting.Merging;

/// <summary>
/// The hopping windows of the threshold rules that are still open: per (rule, window) the latest cumulative count of
/// each source, in memory and in the store. Closed windows are handed to the <see cref="AlarmJudge"/> oldest first,
/// every rule for every window (0 when nothing matched: how "below" sees silence and "above" resolves), then forgotten.
/// </summary>
internal sealed class AlarmWindows(ReportingSettings settings, IReportingStore store)
{
    private readonly Dictionary<(string Rule, long Start), Dictionary<string, long>> _open = [];
    private long _judgedThrough = -1;

    public void Restore(MergerKey key, long count)
    {
        if (!_open.TryGetValue((key.Name, key.Time), out var bySource))
        {
            bySource = new Dictionary<string, long>(StringComparer.Ordinal);
            _open[(key.Name, key.Time)] = bySource;
        }

        bySource[key.Source] = count;
    }

    public void RestoreJudgedThrough(long windowStart) => _judgedThrough = windowStart;

    /// <summary>Records a source's count; the window's sum over sources, or null when the window was judged already.</summary>
    public long? Accept(RuleWindowCount count)
    {
        if (_judgedThrough >= 0 && count.WindowStart <= _judgedThrough)
        {
            return null; // closed and judged already
        }

        if (!_open.TryGetValue((count.Rule, count.WindowStart), out var bySource))
        {
            bySource = new Dictionary<string, long>(StringComparer.Ordinal);
            _open[(count.Rule, count.WindowStart)] = bySource;
        }

        var latest = Math.Max(count.Count, bySource.GetValueOrDefault(count.Source));
        bySource[count.Source] = latest;
        store.Put(MergerKey.Window(count.WindowStart, count.Source, count.Rule).Encode(), StoreValues.Long(latest));
        return Sum(bySource);
    }

    /// <summary>Hands every window closed by <paramref name="through"/> (event time) to <paramref name="judge"/>.</summary>
    public void JudgeClosed(long through, AlarmJudge judge, long wallNow, int maxWindows = 100)
    {
        if (through < 0 || (_judgedThrough < 0 && !StartJudging(through)))
        {
            return;
        }

        var windows = settings.Windows;
        for (var steps = 0; steps < maxWindows; steps++)
        {
            var start = _judgedThrough + windows.AdvanceMs;
            if (start + windows.SizeMs + windows.GraceMs > through)
            {
                return;
            }

            foreach (var rule in settings.Rules.Rules)
            {
                if (!_open.Remove((rule.Name, start), out var bySource))
                {
                    judge.Observe(rule, start, 0, closed: true, wallNow);
                    continue;
                }

                judge.Observe(rule, start, Sum(bySource), closed: true, wallNow);
                foreach (var source in bySource.Keys)
                {
                    store.Delete(MergerKey.Window(start, source, rule.Name).Encode());
                }
            }

            _judgedThrough = start;
            store.Put(MergerKey.Setting(MergerKey.Settings.AlarmsThrough).Encode(), StoreValues.Long(_judgedThrough));
        }
    }

    /// <summary>
    /// Judging starts at the earliest window any stage has sent — nothing before it was counted — and only once the
    /// first window is due, when every stage has vouched for it: starting at the first window to <em>arrive</em> let a
    /// fast stage's later window (the refine stage's dead letters, racing through a backlog) make the counting stage's
    /// earlier windows look judged already, and a rule on them never fired.
    /// </summary>
    private bool StartJudging(long through)
    {
        var windows = settings.Windows;
        if (_open.Count == 0 || _open.Keys.Min(k => k.Start) is var first && first + windows.SizeMs + windows.GraceMs > through)
        {
            return false; // nothing due yet: a stage may still send an earlier window
        }

        _judgedThrough = first - windows.AdvanceMs;
        store.Put(MergerKey.Setting(MergerKey.Settings.AlarmsThrough).Encode(), StoreValues.Long(_judgedThrough));
        return true;
    }

    private static long Sum(Dictionary<string, long> bySource)
    {
        var sum = 0L;
        foreach (var count in bySource.Values)
        {
            sum += count;
        }

        return sum;
    }
}
