namespace Aggregator.Alarms;

/// <summary>
/// The built-in LagGrowing alarm, pure (in the spirit of Burrow's consumer evaluation): a partition's lag is
/// growing when, over the samples of the last <see cref="LagGrowingRule.LagWindow"/>, every sample is at least the
/// one before, the last is above the first, the last is at least <see cref="LagGrowingRule.MinLag"/>, there are at
/// least <see cref="LagGrowingRule.MinSamples"/> samples and they span at least half the window. Fires when any
/// partition is growing; names the partitions, because lag growing on only some of them points at their consumer
/// (a stuck task, a slow instance) rather than at the load. Resolves, once, when no partition is growing any more.
/// </summary>
internal static class LagTrendEvaluator
{
    /// <summary>The growing partitions with their latest lag, in natural name order.</summary>
    public static IReadOnlyList<PartitionLag> Growing(LagGrowingRule rule, IReadOnlyList<PartitionLagSeries> partitions, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(partitions);
        var from = nowMs - (long)rule.LagWindow.TotalMilliseconds;
        var growing = new List<PartitionLag>();
        foreach (var series in partitions)
        {
            var samples = series.Samples.Where(s => s.AtMs >= from && s.AtMs <= nowMs).OrderBy(s => s.AtMs).ToList();
            if (IsGrowing(rule, samples))
            {
                growing.Add(new PartitionLag(series.Partition, samples[^1].Lag));
            }
        }

        return [.. growing.OrderBy(p => p.Partition, PartitionNameComparer.Instance)];
    }

    public static (AlarmState Next, AlarmTransition? Transition) Evaluate(
        LagGrowingRule rule, AlarmState state, IReadOnlyList<PartitionLagSeries> partitions, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(state);
        var growing = Growing(rule, partitions, nowMs);
        if (state.Status == AlarmStatus.Firing)
        {
            if (growing.Count > 0)
            {
                // Still firing: no message, but remember every partition involved for the resolve.
                var names = state.Partitions.Union(growing.Select(g => g.Partition), StringComparer.Ordinal)
                    .Order(PartitionNameComparer.Instance);
                return (state with { Partitions = [.. names], LastValue = growing.Max(g => g.Lag) }, null);
            }

            var resolved = state with { Status = AlarmStatus.Ok, LastResolvedAt = nowMs };
            var latest = state.Partitions.Select(p => new PartitionLag(p, LatestLag(partitions, p))).ToList();
            return (resolved, Transition(rule, resolved, AlarmTransitionKind.Resolved, latest, partitions.Count, nowMs));
        }

        if (growing.Count == 0 || !AlarmIncidents.CooldownOver(state, rule.Cooldown, nowMs))
        {
            return (state, null);
        }

        var since = partitions
            .Where(p => growing.Any(g => g.Partition == p.Partition))
            .SelectMany(p => p.Samples)
            .Where(s => s.AtMs >= nowMs - (long)rule.LagWindow.TotalMilliseconds)
            .Min(s => s.AtMs);
        var fired = state with
        {
            Status = AlarmStatus.Firing,
            Incident = AlarmIncidents.Next(state.Incident, since),
            FiringSince = nowMs,
            ConditionSince = since,
            LastValue = growing.Max(g => g.Lag),
            Partitions = [.. growing.Select(g => g.Partition)],
        };
        return (fired, Transition(rule, fired, AlarmTransitionKind.Fired, growing, partitions.Count, nowMs));
    }

    private static bool IsGrowing(LagGrowingRule rule, List<LagSample> samples)
    {
        if (samples.Count < rule.MinSamples || samples.Count < 2)
        {
            return false;
        }

        var (first, last) = (samples[0], samples[^1]);
        if (last.AtMs - first.AtMs < (long)rule.LagWindow.TotalMilliseconds / 2 || last.Lag <= first.Lag || last.Lag < rule.MinLag)
        {
            return false;
        }

        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i].Lag < samples[i - 1].Lag)
            {
                return false;
            }
        }

        return true;
    }

    private static long LatestLag(IReadOnlyList<PartitionLagSeries> partitions, string partition) =>
        partitions.FirstOrDefault(p => p.Partition == partition)?.Samples.OrderBy(s => s.AtMs).LastOrDefault().Lag ?? 0;

    private static AlarmTransition Transition(
        LagGrowingRule rule, AlarmState state, AlarmTransitionKind kind, IReadOnlyList<PartitionLag> partitions, int observed, long nowMs) => new()
    {
        Kind = kind,
        Source = AlarmSource.LagGrowing,
        Rule = rule.Name,
        Severity = rule.Severity,
        Incident = state.Incident,
        FiringSince = state.FiringSince ?? nowMs,
        At = nowMs,
        Subject = "consumer lag",
        Runbook = rule.Runbook,
        Partitions = partitions,
        PartitionsObserved = observed,
    };
}
