using System.Text.Json;

namespace Aggregator.Reports;

/// <summary>
/// Report intervals folded together instead of being summarised one by one, because they were more than
/// <see cref="ReportOptions.MaxCatchUp"/> behind when they closed (a backlog, a restart after downtime, a late
/// straggler opening an old interval). The next summary carries them as one line (<see cref="SummaryText.CaughtUp"/>),
/// so a catch-up never floods the channel (issue 11, item 5: 54 and 62 summaries in a second).
/// </summary>
internal sealed record CatchUp
{
    /// <summary>Start of the first folded interval (epoch ms).</summary>
    public long From { get; init; }

    /// <summary>End of the last folded interval (epoch ms, exclusive).</summary>
    public long To { get; init; }

    public int Intervals { get; init; }

    public long Events { get; init; }

    public long Errors { get; init; }

    /// <summary>Adds the interval [<paramref name="start"/>, <paramref name="end"/>) and what was counted in it.</summary>
    public static CatchUp Fold(CatchUp? folded, long start, long end, long events, long errors) => new()
    {
        From = folded?.From ?? start,
        To = end,
        Intervals = (folded?.Intervals ?? 0) + 1,
        Events = (folded?.Events ?? 0) + events,
        Errors = (folded?.Errors ?? 0) + errors,
    };

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, ReportsJsonContext.Default.CatchUp);

    /// <exception cref="JsonException">Not a catch-up.</exception>
    public static CatchUp FromUtf8Json(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, ReportsJsonContext.Default.CatchUp) ?? throw new JsonException("Expected a catch-up, found null.");
}
