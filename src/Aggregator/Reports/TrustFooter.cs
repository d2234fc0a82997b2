namespace Aggregator.Reports;

/// <summary>
/// What the caller knows about the pipeline's health when the summary is built, shown in the summary's footer
/// so an analyst can tell whether the numbers are complete. The pipeline counters (late, dead-lettered,
/// opted-out, duplicates) come from the <see cref="IntervalReport"/> itself.
/// </summary>
internal sealed record TrustFooter
{
    /// <summary>Counting partitions that should report; 0 when unknown.</summary>
    public int SourcesExpected { get; init; }

    /// <summary>
    /// Counting partitions that had counted through the interval when it was sent; null: those that sent a partial
    /// for it (<see cref="IntervalReport.SourcesReported"/>).
    /// </summary>
    public int? SourcesReported { get; init; }

    /// <summary>
    /// The counting partitions that had not caught up when the interval was sent anyway (on the wall clock, so that a
    /// stuck partition does not hold every summary back): their events of the interval are missing from it.
    /// </summary>
    public IReadOnlyList<string> MissingPartitions { get; init; } = [];

    /// <summary>Largest consumer lag (records) over the input partitions when the interval closed; null when unknown.</summary>
    public long? MaxLag { get; init; }

    /// <summary>Partitions whose task was restoring state during the interval (their counts may arrive late).</summary>
    public IReadOnlyList<string> RestoringPartitions { get; init; } = [];
}
