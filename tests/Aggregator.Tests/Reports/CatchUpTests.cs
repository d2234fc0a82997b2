using Aggregator.Reports;
using Aggregator.Slack;
using static Aggregator.Tests.Reports.ReportTestData;
using static Aggregator.Tests.Reports.SummaryExamples;

namespace Aggregator.Tests.Reports;

public sealed class CatchUpTests
{
    [Fact]
    public void Fold_AddsUpIntervalsAndCounts()
    {
        var folded = CatchUp.Fold(null, T10, T10 + (10 * Minute), 100, 2);
        folded = CatchUp.Fold(folded, T10 + (10 * Minute), T10 + (20 * Minute), 50, 1);

        Assert.Equal(new CatchUp { From = T10, To = T10 + (20 * Minute), Intervals = 2, Events = 150, Errors = 3 }, folded);
        Assert.Equal(folded, CatchUp.FromUtf8Json(folded.ToUtf8Json()));
    }

    [Fact]
    public void Summary_CarriesTheCatchUp_AsOneLine_AboveTheTotals()
    {
        var message = SummaryMessageBuilder.Build(Current, Previous, Footer, new SummaryOptions(), CaughtUp);
        var text = SlackTextRenderer.Render(message);

        var line = "⏩ *Caught up on 04:00–10:00 UTC, Sat 21 Nov*: 36 earlier intervals (401,234 events, 1,502 errors) were too far behind to post one by one.";
        Assert.Contains(line, text, StringComparison.Ordinal);
        Assert.True(text.IndexOf(line, StringComparison.Ordinal) < text.IndexOf("*12,345* events", StringComparison.Ordinal));
        Assert.EndsWith("; caught up on 04:00–10:00 UTC, Sat 21 Nov (36 intervals, 401,234 events)", message.Text, StringComparison.Ordinal);
        Assert.Equal(SummaryMessageBuilder.Id(Current), message.Id); // the same id: the outbox still de-duplicates
    }

    [Fact]
    public void CaughtUp_NamesBothDays_WhenTheFoldCrossesMidnight()
    {
        var folded = CatchUp.Fold(null, T10 - (12 * 60 * Minute), T10, 7, 0) with { Intervals = 1 };

        Assert.StartsWith("⏩ *Caught up on 22:00 Fri 20 Nov – 10:00 Sat 21 Nov UTC*: 1 earlier interval (7 events, 0 errors) was", SummaryText.CaughtUp(folded), StringComparison.Ordinal);
    }
}
