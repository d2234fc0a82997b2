using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aggregator.Reports;

/// <summary>
/// Everything counted for one report interval, summed over the stream tasks that reported
/// (<see cref="ReportMerger"/>). Serializable, so the merger can keep the previous interval's report in a store
/// for the "vs previous" comparisons of the next summary.
/// </summary>
internal sealed record IntervalReport
{
    public long IntervalStart { get; init; }

    public long IntervalEnd { get; init; }

    public long Events { get; init; }

    public IReadOnlyDictionary<string, long> ByType { get; init; } = ReportPartial.EmptyCounts;

    public IReadOnlyDictionary<string, long> PageViews { get; init; } = ReportPartial.EmptyCounts;

    /// <summary>Page views not attributed to a path (see <see cref="ReportPartial.OtherPageViews"/>).</summary>
    public long OtherPageViews { get; init; }

    public long[] PerMinute { get; init; } = [];

    /// <summary>Estimated distinct users (HyperLogLog of the union of the sources' sketches; ≈0.8% standard error).</summary>
    public long UniqueUsers { get; init; }

    public long Errors { get; init; }

    public long LateDropped { get; init; }

    public long DeadLettered { get; init; }

    public long OptedOut { get; init; }

    public long Duplicates { get; init; }

    /// <summary>The sources (stream tasks) whose partials were merged, in ordinal order.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    [JsonIgnore]
    public int SourcesReported => Sources.Count;

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, ReportsJsonContext.Default.IntervalReport);

    /// <exception cref="JsonException">Not a report.</exception>
    public static IntervalReport FromUtf8Json(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, ReportsJsonContext.Default.IntervalReport)
        ?? throw new JsonException("Expected an interval report, found null.");
}
