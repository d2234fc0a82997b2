using Aggregator.Reports;

namespace Aggregator.Tests.Reports;

/// <summary>Intervals and partials for the report tests: 2026-11-21 10:00–10:10 UTC unless told otherwise.</summary>
internal static class ReportTestData
{
    public const long Minute = 60_000;

    public static readonly long T10 = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static ReportAccumulator Accumulator(string source = "0_0", long? start = null) =>
        new(source, start ?? T10, (start ?? T10) + (10 * Minute));

    /// <summary>
    /// An interval report with the given page views (as page_view events) and extra events per type, spread evenly
    /// over the minutes, with <paramref name="users"/> distinct users.
    /// </summary>
    public static IntervalReport Report(
        long start,
        IReadOnlyDictionary<string, long>? pages = null,
        IReadOnlyDictionary<string, long>? otherTypes = null,
        int users = 100,
        string source = "0_0")
    {
        var accumulator = Accumulator(source, start);
        var n = 0;
        void Add(string type, string? path, long count)
        {
            for (var i = 0; i < count; i++, n++)
            {
                accumulator.Add(type, path, $"u-{n % users}", start + (n % 10 * Minute));
            }
        }

        foreach (var (path, views) in pages ?? new Dictionary<string, long>())
        {
            Add(ReportAccumulator.PageViewType, path, views);
        }

        foreach (var (type, count) in otherTypes ?? new Dictionary<string, long>())
        {
            Add(type, "/x", count);
        }

        return ReportMerger.Merge([accumulator.Snapshot()]);
    }
}
