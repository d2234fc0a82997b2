using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aggregator.Reports;

/// <summary>
/// What one stream task counted so far for one report interval: cumulative, so a newer partial from the same
/// <see cref="Source"/> replaces an older one instead of adding to it. That makes resends, duplicates and replays
/// after a restart harmless: the merger keeps the latest partial per (source, interval) and sums across sources
/// (<see cref="ReportMerger"/>). Built per event by a <see cref="ReportAccumulator"/>; sent as JSON
/// (<see cref="ToUtf8Json"/>). A partial may carry only pipeline counters (a task that saw only dead letters).
/// </summary>
internal sealed record ReportPartial
{
    /// <summary>The stream task that counted, e.g. <c>1_3</c>; one partial per source and interval survives a merge.</summary>
    public required string Source { get; init; }

    /// <summary>
    /// Increases with every snapshot the source takes of this interval (the accumulator persists it with its
    /// state), so "latest" does not depend on the order in which partials arrive at the merger.
    /// </summary>
    public long Sequence { get; init; }

    /// <summary>Start of the aligned report interval, epoch milliseconds (inclusive).</summary>
    public long IntervalStart { get; init; }

    /// <summary>End of the interval, epoch milliseconds (exclusive).</summary>
    public long IntervalEnd { get; init; }

    /// <summary>Counted events (after validation, opt-out and de-duplication) with event time in the interval.</summary>
    public long Events { get; init; }

    /// <summary>Events per <c>type</c>.</summary>
    public IReadOnlyDictionary<string, long> ByType { get; init; } = EmptyCounts;

    /// <summary><c>page_view</c> events per page path (events without a path are not in here).</summary>
    public IReadOnlyDictionary<string, long> PageViews { get; init; } = EmptyCounts;

    /// <summary>
    /// Page views of paths first seen after the source already tracked its maximum number of distinct paths
    /// (<see cref="ReportOptions.MaxTrackedPages"/>): counted, but not per path, so memory stays bounded.
    /// </summary>
    public long OtherPageViews { get; init; }

    /// <summary>Events per minute of the interval, one entry per minute.</summary>
    public long[] PerMinute { get; init; } = [];

    /// <summary>The unique-user <see cref="HyperLogLog"/> registers; empty when no user was seen.</summary>
    public byte[] Users { get; init; } = [];

    /// <summary>Events of type <c>error</c>.</summary>
    public long Errors { get; init; }

    /// <summary>Records dropped because they arrived after their window's grace period.</summary>
    public long LateDropped { get; init; }

    /// <summary>Records sent to the dead-letter topic (they broke the event contract).</summary>
    public long DeadLettered { get; init; }

    /// <summary>Events dropped because their user opted out.</summary>
    public long OptedOut { get; init; }

    /// <summary>Events dropped as duplicates of an event already counted.</summary>
    public long Duplicates { get; init; }

    internal static IReadOnlyDictionary<string, long> EmptyCounts { get; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Minutes in the interval, i.e. the expected length of <see cref="PerMinute"/>.</summary>
    [JsonIgnore]
    public int Minutes => ReportIntervals.MinutesIn(IntervalStart, IntervalEnd);

    /// <summary>
    /// Whether this partial should replace <paramref name="other"/> (same source and interval): a higher
    /// <see cref="Sequence"/>, or on a tie more counted records (cumulative counts only grow).
    /// </summary>
    public bool Supersedes(ReportPartial other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Sequence != other.Sequence ? Sequence > other.Sequence : TotalRecords > other.TotalRecords;
    }

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, ReportsJsonContext.Default.ReportPartial);

    /// <summary>Reads and checks a partial.</summary>
    /// <exception cref="FormatException">Not JSON of a partial, or inconsistent (wrong per-minute length, bad sketch, …).</exception>
    public static ReportPartial FromUtf8Json(ReadOnlySpan<byte> json)
    {
        ReportPartial? partial;
        try
        {
            partial = JsonSerializer.Deserialize(json, ReportsJsonContext.Default.ReportPartial);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not a report partial: {ex.Message}", ex);
        }

        if (partial is null)
        {
            throw new FormatException("Not a report partial: null.");
        }

        partial.Validate();
        return partial;
    }

    /// <exception cref="FormatException">The partial is inconsistent.</exception>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Source))
        {
            throw new FormatException("A report partial needs a source.");
        }

        if (IntervalEnd <= IntervalStart || (IntervalEnd - IntervalStart) % ReportIntervals.MinuteMs != 0)
        {
            throw new FormatException($"Partial from {Source}: interval [{IntervalStart}, {IntervalEnd}) is not a whole number of minutes.");
        }

        if (PerMinute.Length != Minutes)
        {
            throw new FormatException($"Partial from {Source}: {PerMinute.Length} per-minute counts for a {Minutes}-minute interval.");
        }

        if (Users.Length is not 0 and not HyperLogLog.RegisterCount)
        {
            throw new FormatException($"Partial from {Source}: a user sketch has {HyperLogLog.RegisterCount} registers, found {Users.Length}.");
        }
    }

    private long TotalRecords => Events + LateDropped + DeadLettered + OptedOut + Duplicates;
}
