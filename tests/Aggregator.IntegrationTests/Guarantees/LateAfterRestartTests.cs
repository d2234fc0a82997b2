using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Reporting;

namespace Aggregator.IntegrationTests.Guarantees;

/// <summary>
/// Lateness is judged against stream time that survives restarts (issue 11): after a clean restart, seven events twelve
/// hours old — the first thing the restarted worker reads — are dropped and counted as late (metric and the summary
/// footer), no window is created for them, and they make no summaries of their long-closed intervals (before the port,
/// a restarted worker counted them into new windows and rendered one summary per 10 minutes since).
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class LateAfterRestartTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output) : SlackStandInTest("agg-late-")
{
    private const int LateEvents = 7;

    [Fact]
    public async Task TwelveHourOldEvents_FirstReadAfterARestart_DroppedAsLate_NoWindowsNoSummaries()
    {
        var port = MetricsScrape.FreePort();
        var app = new ReportingApp(kafka, Slack, Work, new Dictionary<string, string> { ["Http:Port"] = port.ToString(CultureInfo.InvariantCulture) });
        var start = SummaryDeliveryTests.IntervalStart(DateTimeOffset.UtcNow.AddMinutes(-50));
        var old = start.AddHours(-12);

        // 1. A first interval of events, closed by event time: its summary goes out; then a clean stop.
        await using (var first = app.Start("one"))
        {
            app.Produce(Enumerable.Range(0, 80).Select(i => new RawActivity(i % ReportingApp.Partitions, $"a-{i}", "page_view", $"u-{i % 17}", start.AddSeconds(i * 7), "/")));
            app.Produce(ReportingApp.Tick(start.AddMinutes(11.5), "closes-first"));
            await WaitForAsync(() => Accepted().Count >= 1, "the first summary", first);
            // Stop once the merger has recorded the delivery: a SIGTERM in the second between Slack's 200 and that record
            // makes the restarted worker post the summary again (a separate bug, reported with issue 11's port).
            await WaitForAsync(() => Metric(port, "aggregator_slack_outbox_pending").Result == 0, "the delivery to be recorded", first);
            first.Signal("TERM");
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        // 2. Restarted on the same state, the first records it reads are twelve hours old; then event time moves on and
        //    closes the second interval, whose summary counts them as late.
        await using var second = app.Start("one");
        await WaitUntilReadyAsync(port, second);
        app.Produce(Enumerable.Range(0, LateEvents).Select(i => new RawActivity(i % ReportingApp.Partitions, $"late-{i}", "click", $"u-late-{i}", old.AddMinutes(i), "/old")));
        await WaitForAsync(() => Metric(port, "aggregator_streams_records_late_dropped_total").Result >= LateEvents, "the late events to be dropped", second);
        app.Produce(ReportingApp.Tick(start.AddMinutes(21.5), "closes-second"));
        await WaitForAsync(() => Accepted().Count >= 2, "the second summary", second);
        await Task.Delay(TimeSpan.FromSeconds(5)); // time for a flood of catch-up summaries, were there one

        var late = await Metric(port, "aggregator_streams_records_late_dropped_total");
        var counts = CountsReader.Latest(kafka.ReadToEnd(app.CountsTopic, TimeSpan.FromSeconds(30)));
        var summaries = Accepted();
        output.WriteLine($"late dropped after the restart: {late}; {counts.Count} (key, window) counts; {summaries.Count} summaries:\n"
            + string.Join("\n----\n", summaries));

        Assert.Equal(LateEvents, late);
        Assert.DoesNotContain(counts.Keys, k => k.StartsWith("click|/old@", StringComparison.Ordinal));
        Assert.All(counts.Keys, k => Assert.True(long.Parse(k[(k.LastIndexOf('@') + 1)..], CultureInfo.InvariantCulture) >= start.AddMinutes(-5).ToUnixTimeMilliseconds(), $"a window from before the input: {k}"));
        Assert.Equal(2, summaries.Count);
        Assert.Single(summaries, s => s.Contains($"Activity {start:HH:mm}–{start.AddMinutes(10):HH:mm} UTC", StringComparison.Ordinal));
        var secondSummary = Assert.Single(summaries, s => s.Contains($"Activity {start.AddMinutes(10):HH:mm}–{start.AddMinutes(20):HH:mm} UTC", StringComparison.Ordinal));
        Assert.Contains($"late dropped: {LateEvents}", secondSummary, StringComparison.Ordinal);
    }

    private List<string> Accepted() => [.. Slack.PostsTo("summary").Where(p => p.Accepted).Select(p => p.AllText)];

    private async Task WaitForAsync(Func<bool> condition, string what, AppProcess app)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                output.WriteLine(app.StandardOutput + app.StandardError);
                output.WriteLine(string.Join("\n----\n", Slack.Posts.Select(p => $"{p.Channel} {p.Status} @{p.Arrived}\n{p.AllText}")));
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(250);
        }
    }

    private async Task WaitUntilReadyAsync(int port, AppProcess app)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        await WaitForAsync(() =>
        {
            try
            {
                return http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready")).Result.StatusCode == HttpStatusCode.OK;
            }
            catch (AggregateException)
            {
                return false;
            }
        }, "the restarted worker to be ready", app);
    }

    private static async Task<double> Metric(int port, string name)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        return await MetricsScrape.SumAsync(http, port, name) ?? 0;
    }

}
