using Aggregator.Reports;
using static Aggregator.Tests.Reports.ReportTestData;

namespace Aggregator.Tests.Reports;

public sealed class PageRankingTests
{
    [Fact]
    public void Top_OrdersByViews_ThenPathOnTies()
    {
        var views = new Dictionary<string, long> { ["/b"] = 5, ["/a"] = 5, ["/c"] = 9, ["/d"] = 1, ["/e"] = 0 };

        var top = PageRanking.Top(views, 3);

        Assert.Equal(["/c", "/a", "/b"], top.Select(t => t.Key));
        Assert.Equal(4, PageRanking.Top(views, 10).Count); // zero views are not a top page
    }

    [Fact]
    public void Movers_NeedBothAbsoluteAndRelativeChange()
    {
        var previous = Report(T10 - (10 * Minute), new Dictionary<string, long>
        {
            ["/big"] = 1_000, ["/small"] = 2, ["/gone"] = 300, ["/steady"] = 900,
        });
        var current = Report(T10, new Dictionary<string, long>
        {
            ["/big"] = 1_600,    // +600, +60%: a mover
            ["/small"] = 60,     // +2900% but only +58 views: noise
            ["/new"] = 150,      // appeared with 150 views
            ["/steady"] = 1_050, // +150 but only +17%: not news
        });

        var movers = PageRanking.Movers(current, previous, new SummaryOptions { Movers = 10 });

        Assert.Equal(
            [new PageMove("/big", 1_000, 1_600), new PageMove("/gone", 300, 0), new PageMove("/new", 0, 150)],
            movers);
    }

    [Fact]
    public void Movers_AreLimited_AndTiesGoByPath()
    {
        var previous = Report(T10 - (10 * Minute), new Dictionary<string, long> { ["/x"] = 100, ["/y"] = 100, ["/z"] = 100 });
        var current = Report(T10, new Dictionary<string, long> { ["/x"] = 300, ["/y"] = 300, ["/z"] = 300 });

        var movers = PageRanking.Movers(current, previous, new SummaryOptions { Movers = 2 });

        Assert.Equal(["/x", "/y"], movers.Select(m => m.Path));
    }
}
