namespace Aggregator.Reports;

/// <summary>
/// What the caller knows about the pipeline's health when the summary is built, shown in the summary's footer
/// so an analyst can tell whether the numbers are complete. The pipeline counters (late, dead-lettered,
/// opted-out, duplicates) come from the <see cref="IntervalReport"/> itself.
/// </summary>
internal sealed record TrustFooter
{
    /// <summary>Sources (stream tasks / input partitions) that should report; 0 when unknown.</summary>
    public int SourcesExpected { get; init; }

    /// <summary>Largest consumer lag (records) over the input partitions when the interval closed; null when unknown.</summary>
    public long? MaxLag { get; init; }

    /// <summary>Partitions whose task was restoring state during the interval (their counts may arrive late).</summary>
    public IReadOnlyList<string> RestoringPartitions { get; init; } = [];
}
