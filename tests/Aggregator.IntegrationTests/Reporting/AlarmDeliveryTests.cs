using System.Net;
using Aggregator.IntegrationTests.Infrastructure;

namespace Aggregator.IntegrationTests.Reporting;

/// <summary>
/// Alarms on the real runtime, posted to a local stand-in for Slack: a threshold rule fires while the summary
/// webhook is failing (its retries do not hold the page back; the page itself gets through once after two 500s), the instance holding the firing alarm is killed
/// with SIGKILL, and the instance that takes over neither pages again nor forgets the alarm — it resolves it — and
/// delivers, once, the summary the dead instance could not.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class AlarmDeliveryTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output) : SlackStandInTest("agg-alarm-")
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    [Fact]
    public async Task FireWhileSummariesFail_Kill9_NoSecondPage_ResolveAndSummaryDeliveredOnceByTheNextOwner()
    {
        var app = new ReportingApp(kafka, Slack, Work, new Dictionary<string, string>
        {
            ["Alarms:Rules:0:Name"] = "checkout-errors",
            ["Alarms:Rules:0:Type"] = "error",
            ["Alarms:Rules:0:Path"] = "/checkout",
            ["Alarms:Rules:0:Above"] = "20",
            ["Alarms:Rules:0:Severity"] = "critical",
        });
        var start = SummaryDeliveryTests.IntervalStart(DateTimeOffset.UtcNow.AddMinutes(-50));
        Slack.Fail("summary", HttpStatusCode.InternalServerError);
        Slack.Fail("alarm", HttpStatusCode.InternalServerError, times: 2); // the first page is retried until it goes through

        var first = app.Start("first");
        try
        {
            // 1. An interval closes: its summary is decided, and Slack answers 500 to it.
            app.Produce(Enumerable.Range(0, 80).Select(i => new RawActivity(i % ReportingApp.Partitions, $"a-{i}", "page_view", $"u-{i % 17}", start.AddSeconds(i * 7), "/")));
            app.Produce(ReportingApp.Tick(start.AddMinutes(11.5), "closes-first-interval"));
            await WaitForAsync(() => Slack.PostsTo("summary").Count >= 1, "the summary to be posted (and refused)", first);

            // 2. Errors on /checkout cross the threshold: on-call is paged although the summary is still being retried.
            app.Produce(Enumerable.Range(0, 40).Select(i => new RawActivity(i % ReportingApp.Partitions, $"err-{i}", "error", $"u-{i % 13}", start.AddMinutes(12).AddSeconds(i), "/checkout")));
            app.Produce(ReportingApp.Tick(start.AddMinutes(13), "after-errors"));
            await WaitForAsync(() => Pages("is firing").Count == 1, "the alarm to fire", first);
            Assert.DoesNotContain(Slack.PostsTo("summary"), p => p.Accepted);

            // 3. Time for the merger to record the delivery, then SIGKILL: no graceful anything.
            await Task.Delay(TimeSpan.FromSeconds(3));
            first.Signal("KILL");
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
            output.WriteLine(first.StandardOutput);
        }
        finally
        {
            await first.DisposeAsync();
        }

        // 4. Slack recovers; another instance (fresh state: everything comes from the changelogs) takes over, and
        //    event time moves on far enough to clear the alarm and close the second interval.
        Slack.Heal("summary");
        await using var second = app.Start("second");
        for (var minute = 14; minute <= 22; minute++)
        {
            app.Produce(ReportingApp.Tick(start.AddMinutes(minute), $"m{minute}"));
        }

        await WaitForAsync(() => Pages("Resolved: checkout-errors").Count == 1 && Slack.PostsTo("summary").Count(p => p.Accepted) >= 2, "the resolve and both summaries", second);
        await Task.Delay(TimeSpan.FromSeconds(5)); // time for a second page or summary, were there one
        output.WriteLine(string.Join("\n----\n", Slack.Posts.Select(p => $"{p.Channel} {p.Status} @{p.Arrived}\n{p.AllText}")));

        Assert.Single(Pages("is firing"));
        Assert.Single(Pages("Resolved: checkout-errors"));
        Assert.Equal(2, Slack.PostsTo("alarm").Count(p => p.Accepted));
        Assert.Equal(2, Slack.PostsTo("alarm").Count(p => !p.Accepted));
        var summaries = Slack.PostsTo("summary").Where(p => p.Accepted).Select(p => p.AllText).ToList();
        Assert.Equal(2, summaries.Count);
        Assert.Single(summaries, s => s.Contains($"Activity {start:HH:mm}–{start.AddMinutes(10):HH:mm} UTC", StringComparison.Ordinal) && s.Contains("*80* events", StringComparison.Ordinal));
        Assert.Single(summaries, s => s.Contains($"Activity {start.AddMinutes(10):HH:mm}–{start.AddMinutes(20):HH:mm} UTC", StringComparison.Ordinal));
    }

    private List<SlackPost> Pages(string text) => [.. Slack.PostsTo("alarm").Where(p => p.Accepted && p.AllText.Contains(text, StringComparison.Ordinal))];

    private async Task WaitForAsync(Func<bool> condition, string what, AppProcess app)
    {
        var deadline = DateTime.UtcNow + Patience;
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
}
