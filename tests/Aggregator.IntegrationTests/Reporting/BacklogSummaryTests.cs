using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aggregator.IntegrationTests.Infrastructure;

namespace Aggregator.IntegrationTests.Reporting;

/// <summary>
/// Summaries never flood (issue 11): a fresh worker fed a six-hour backlog posts at most seven summaries — the first at
/// most Reports:MaxCatchUp (1 h) behind, older intervals folded into one "caught up" line — where the runtime before
/// the port posted one per 10 minutes (62 into a Slack stand-in).
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class BacklogSummaryTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output) : SlackStandInTest("agg-backlog-")
{
    [Fact]
    public async Task SixHourBacklog_FedToAFreshWorker_AtMostSevenSummaries()
    {
        var port = MetricsScrape.FreePort();
        var app = new ReportingApp(kafka, Slack, Work, new Dictionary<string, string> { ["Http:Port"] = port.ToString(CultureInfo.InvariantCulture) });
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 6 * 360)
            .Select(i => new RawActivity(i % ReportingApp.Partitions, $"b-{i}", i % 9 == 0 ? "click" : "page_view", $"u-{i % 97}", now.AddHours(-6).AddSeconds(i * 10), $"/p/{i % 13}"))
            .ToList();
        app.Produce(events);

        var clock = Stopwatch.StartNew();
        await using var worker = app.Start("fresh");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        while (await Refined(http, port) < events.Count)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"the backlog was not refined within 2 minutes:\n{worker.StandardOutput}");
            await Task.Delay(250);
        }

        // The backlog is read: whatever it makes the worker post, it posts now. Wait for a quiet spell.
        var posted = Slack.PostsTo("summary").Count;
        var quiet = Stopwatch.StartNew();
        while (quiet.Elapsed < TimeSpan.FromSeconds(10) && clock.Elapsed < TimeSpan.FromSeconds(180))
        {
            await Task.Delay(500);
            if (Slack.PostsTo("summary").Count != posted)
            {
                posted = Slack.PostsTo("summary").Count;
                quiet.Restart();
            }
        }

        var summaries = Slack.PostsTo("summary");
        output.WriteLine($"{events.Count:N0} events over 6 hours read in {clock.Elapsed.TotalSeconds:F0} s; {summaries.Count} summaries posted:\n"
            + string.Join("\n", summaries.Select(p => p.AllText.Split('\n')[0])));
        Assert.NotEmpty(summaries);
        Assert.True(summaries.Count <= 7, $"{summaries.Count} summaries for a 6-hour backlog (at most 7: one hour of intervals and one catch-up)");
    }

    private static async Task<double> Refined(HttpClient http, int port) =>
        await MetricsScrape.SumAsync(http, port, "aggregator_events_refined_total") ?? 0;

}
