using Aggregator.Reports;
using static Aggregator.Tests.Reports.ReportTestData;

namespace Aggregator.Tests.Reports;

/// <summary>A realistic pair of intervals (also the README's example), with numbers chosen to check by hand.</summary>
internal static class SummaryExamples
{
    public static IntervalReport Current { get; } = new()
    {
        IntervalStart = T10,
        IntervalEnd = T10 + (10 * Minute),
        Events = 12_345,
        ByType = new Dictionary<string, long>
        {
            ["page_view"] = 8_000, ["click"] = 2_500, ["search"] = 1_200, ["add_to_cart"] = 400, ["purchase"] = 203, ["error"] = 42,
        },
        PageViews = new Dictionary<string, long>
        {
            ["/products/42"] = 1_234, ["/"] = 1_000, ["/search"] = 900, ["/checkout"] = 480, ["/cart"] = 480, ["/about"] = 10,
        },
        PerMinute = [1_020, 1_100, 1_200, 1_845, 1_300, 1_250, 1_200, 1_150, 1_130, 1_150],
        UniqueUsers = 1_234,
        Errors = 42,
        LateDropped = 12,
        DeadLettered = 3,
        OptedOut = 40,
        Duplicates = 7,
        Sources = ["0_0", "0_1", "0_2", "0_3", "0_4", "0_5"],
    };

    public static IntervalReport Previous { get; } = new()
    {
        IntervalStart = T10 - (10 * Minute),
        IntervalEnd = T10,
        Events = 11_022,
        ByType = new Dictionary<string, long> { ["page_view"] = 7_000, ["click"] = 4_022 },
        PageViews = new Dictionary<string, long>
        {
            ["/products/42"] = 1_175, ["/search"] = 1_200, ["/checkout"] = 120, ["/cart"] = 480, ["/old"] = 500,
        },
        PerMinute = new long[10],
        UniqueUsers = 1_100,
        Sources = ["0_0", "0_1", "0_2", "0_3", "0_4", "0_5"],
    };

    public static TrustFooter Footer { get; } = new() { SourcesExpected = 6, MaxLag = 1_234 };

    /// <summary>Six hours of backlog (04:00–10:00, the last of it <see cref="Previous"/>) folded into the 10:00 summary.</summary>
    public static CatchUp CaughtUp { get; } = new()
    {
        From = T10 - (360 * Minute), To = T10, Intervals = 36, Events = 401_234, Errors = 1_502,
    };
}
