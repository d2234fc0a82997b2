using System.Globalization;
using System.Net;
using Aggregator.IntegrationTests.Infrastructure;

namespace Aggregator.IntegrationTests.Reporting;

/// <summary>
/// Summaries on the real runtime: two `aggregator` processes sharing four partitions post to a local stand-in for
/// Slack. Each interval closed by event time is posted exactly once, with the figures of the input itself.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class SummaryDeliveryTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output) : SlackStandInTest("agg-summary-")
{
    private static readonly string[] Types = ["page_view", "page_view", "page_view", "click", "search", "add_to_cart", "page_view", "error"];

    // Page views by path in the ratio 6:4:3:2:1 (views come in blocks of four per path), so the top five are unambiguous.
    private static readonly string[] Paths = ["/", "/", "/", "/", "/", "/", "/search", "/search", "/search", "/search", "/cart", "/cart", "/cart", "/products/7", "/products/7", "/checkout"];

    [Fact]
    public async Task TwoInstances_OneSummaryPerInterval_WithTheInputsFigures_After429RetryAfter()
    {
        var app = new ReportingApp(kafka, Slack, Work);
        var start = IntervalStart(DateTimeOffset.UtcNow.AddMinutes(-50));
        var (events, expected) = Input(start);
        Slack.Fail("summary", HttpStatusCode.TooManyRequests, times: 1, retryAfter: "3");

        await using var one = app.Start("one");
        await using var two = app.Start("two");
        // Both in the group before the data lands: on the embedded broker the worker runs at-least-once, and records read
        // by one instance and handed over in a rebalance before their stats were flushed would be counted again
        // (exactly-once on a real cluster). This test is about one summary per interval across instances, not replays.
        await WaitForStableGroupAsync(one, two);
        app.Produce(events);

        var accepted = await WaitForAsync(() => Slack.PostsTo("summary").Where(p => p.Accepted).ToList(), posts => posts.Count >= 2, TimeSpan.FromSeconds(120));
        await Task.Delay(TimeSpan.FromSeconds(5)); // time for a duplicate, were there one
        var posts = Slack.PostsTo("summary");
        output.WriteLine(string.Join("\n----\n", posts.Select(p => $"{p.Status} @{p.Arrived}\n{p.AllText}")));
        if (accepted.Count < 2)
        {
            output.WriteLine(one.StandardOutput + two.StandardOutput);
        }

        // Exactly one accepted post per interval; the interval after them is still open (no wall-clock fallback).
        Assert.Equal(2, posts.Count(p => p.Accepted));
        var texts = posts.Where(p => p.Accepted).Select(p => p.AllText).ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            var text = Assert.Single(texts, t => t.Contains(Title(expected[i].Start), StringComparison.Ordinal));
            expected[i].AssertIn(text);
        }

        // The 429 was honoured: nothing reached the webhook before its Retry-After had passed.
        Assert.Equal(429, posts[0].Status);
        Assert.True(posts[1].Arrived - posts[0].Arrived >= TimeSpan.FromSeconds(3), $"retried after {posts[1].Arrived - posts[0].Arrived}");
    }

    private static async Task WaitForStableGroupAsync(AppProcess one, AppProcess two)
    {
        Assert.True(await one.WaitForOutputAsync("REBALANCING -> RUNNING", TimeSpan.FromSeconds(60)), "instance one never ran");
        Assert.True(await two.WaitForOutputAsync("REBALANCING -> RUNNING", TimeSpan.FromSeconds(60)), "instance two never ran");
        await Task.Delay(TimeSpan.FromSeconds(5)); // the group settles on the assignment both joined with
    }

    internal static DateTimeOffset IntervalStart(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds() / 600_000 * 600_000);

    private static string Title(DateTimeOffset start) =>
        string.Create(CultureInfo.InvariantCulture, $"Activity {start:HH:mm}–{start.AddMinutes(10):HH:mm} UTC");

    /// <summary>
    /// Two full intervals of events, spread over the four partitions in event-time order (nothing is late), with
    /// malformed records and resent duplicates in the first; then one event per partition past the second's end
    /// plus grace, which closes both.
    /// </summary>
    private static (List<RawActivity> Events, List<ExpectedSummary> Expected) Input(DateTimeOffset start)
    {
        var events = new List<RawActivity>();
        var expected = new List<ExpectedSummary>();
        foreach (var (offset, count) in new[] { (0, 240), (10, 180) })
        {
            var intervalStart = start.AddMinutes(offset);
            var summary = new ExpectedSummary(intervalStart);
            for (var i = 0; i < count; i++)
            {
                var type = Types[i % Types.Length];
                var path = type == "page_view" ? Paths[i / Types.Length % Paths.Length] : "/x";
                var e = new RawActivity(i % ReportingApp.Partitions, $"e-{offset}-{i}", type, $"u-{i % 53}", intervalStart.AddSeconds(i * 600.0 / count), path);
                events.Add(e);
                summary.Count(e);
                if (offset == 0 && i % 60 == 7)
                {
                    events.Add(e); // the collector's resend: removed as a duplicate
                    summary.Duplicates++;
                }

                if (offset == 0 && i % 100 == 50)
                {
                    events.Add(e with { Broken = true }); // dead-lettered, counted in this interval's footer
                    summary.DeadLettered++;
                }
            }

            expected.Add(summary);
        }

        events.AddRange(ReportingApp.Tick(start.AddMinutes(21.5), "close"));
        return (events, expected);
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var value = read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            value = read();
        }

        return value;
    }

    /// <summary>What the summary of one interval must say, computed from the input.</summary>
    private sealed class ExpectedSummary(DateTimeOffset start)
    {
        private readonly Dictionary<string, long> _byType = [];
        private readonly Dictionary<string, long> _views = [];

        public DateTimeOffset Start { get; } = start;

        public long Events { get; private set; }

        public int Duplicates { get; set; }

        public int DeadLettered { get; set; }

        public void Count(RawActivity e)
        {
            Events++;
            _byType[e.Type] = _byType.GetValueOrDefault(e.Type) + 1;
            if (e.Type == "page_view")
            {
                _views[e.Path] = _views.GetValueOrDefault(e.Path) + 1;
            }
        }

        public void AssertIn(string text)
        {
            Assert.Contains($"*{N(Events)}* events", text, StringComparison.Ordinal);
            foreach (var (type, count) in _byType)
            {
                Assert.Contains($"*{type}*\n{N(count)} · ", text, StringComparison.Ordinal);
            }

            var rank = 0;
            foreach (var (path, views) in _views.OrderByDescending(v => v.Value).Take(5))
            {
                Assert.Contains($"{++rank}. `{path}` — {N(views)}", text, StringComparison.Ordinal);
            }

            Assert.Contains($"{ReportingApp.Partitions}/{ReportingApp.Partitions} partitions reported", text, StringComparison.Ordinal);
            Assert.Contains($"DLQ: {DeadLettered}", text, StringComparison.Ordinal);
            Assert.Contains($"duplicates removed: {Duplicates}", text, StringComparison.Ordinal);
            Assert.Contains("late dropped: 0", text, StringComparison.Ordinal);
            Assert.DoesNotContain("⚠", text, StringComparison.Ordinal);
        }

        private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
