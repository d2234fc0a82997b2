using System.Diagnostics;
using System.Text.Json;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Pipeline;

namespace Aggregator.IntegrationTests.Faults;

/// <summary>
/// Slack down (answering 500, then refusing connections) while the worker decides summaries and alarms; once Slack is
/// healthy again every decided message reaches it exactly once: no message lost, none posted twice.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class SlackOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SlackDown_ThenHealthy_EveryDecidedMessageDeliveredExactlyOnce()
    {
        var outage = TimeSpan.FromSeconds(FaultSizes.Pick(30, 300));
        await using var slack = new FakeSlackWebhook();
        var fileSink = Path.Combine(Path.GetTempPath(), $"agg-faults-slack-{Guid.NewGuid():N}.jsonl");
        using var world = FaultSizes.World(output, extra: new Dictionary<string, string?>
        {
            ["Slack:SummaryWebhookUrl"] = slack.SummaryUrl,
            ["Slack:AlarmWebhookUrl"] = slack.AlarmUrl,
            ["Slack:FileSink"] = fileSink,
            ["Slack:MaxMessagesPerSecond"] = "10",
            ["Alarms:Rules:0:Name"] = "errors-seen",
            ["Alarms:Rules:0:Type"] = "error",
            ["Alarms:Rules:0:Above"] = "0",
        });
        // Whole report intervals of event time, so the summaries the input must produce are known.
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute / 10 * 10, 0, TimeSpan.Zero).AddMinutes(-60);
        var input = ActivityInput.Generate(FaultSizes.Pick(15_000, 40_000), users: 300, minutes: 40, FaultSizes.Seed, start);
        var mustDecide = Enumerable.Range(0, 3).Select(i => $"summary:{start.AddMinutes(10 * i).UtcDateTime:yyyy-MM-dd'T'HH:mm}Z").ToList();
        world.ProduceOptOuts(input.OptedOutUsers);
        world.Produce(input.Records);

        // The outage is timed from the worker's first attempt: half of it answered with 500s, half refused.
        await slack.FailAsync();
        await using var worker = world.StartWorker();
        var firstAttempt = Stopwatch.StartNew();
        while (slack.Requests.Count == 0)
        {
            Assert.True(firstAttempt.Elapsed < TimeSpan.FromSeconds(90), "the worker decided no message within 90 s");
            await Task.Delay(100);
        }

        firstAttempt.Restart();
        await Task.Delay(outage / 2);
        await slack.RefuseAsync();
        await Task.Delay(outage / 2);
        var failedDuringOutage = slack.Requests.Count(r => r.Status != 200);
        var deliveredDuringOutage = slack.Requests.Count(r => r.Status == 200);
        await slack.HealAsync();
        var healed = Stopwatch.StartNew();

        // Quiet: the must-decide summaries and an alarm are in, every delivered copy is accounted for, nothing new for 5 s.
        var (delivered, posted) = (ReadSink(fileSink), slack.Requests.Where(r => r.Status == 200).ToList());
        var lastChange = Stopwatch.StartNew();
        while (healed.Elapsed < TimeSpan.FromSeconds(FaultSizes.Pick(120, 180)))
        {
            await Task.Delay(500);
            var (nowDelivered, nowPosted) = (ReadSink(fileSink), slack.Requests.Where(r => r.Status == 200).ToList());
            if (nowDelivered.Count != delivered.Count || nowPosted.Count != posted.Count)
            {
                (delivered, posted) = (nowDelivered, nowPosted);
                lastChange.Restart();
            }

            var complete = mustDecide.All(id => delivered.Any(d => d.Id == id)) && delivered.Any(d => d.Id.StartsWith("alarm:errors-seen:", StringComparison.Ordinal));
            if (complete && delivered.Count == posted.Count && lastChange.Elapsed > TimeSpan.FromSeconds(5))
            {
                break;
            }
        }

        output.WriteLine($"Slack down {outage.TotalSeconds:F0} s: {failedDuringOutage} attempts answered 500, then connections refused; "
            + $"{delivered.Count} messages delivered after it came back, the last {healed.Elapsed.TotalSeconds - lastChange.Elapsed.TotalSeconds:F1} s after: "
            + string.Join(", ", delivered.Select(d => d.Id)));
        try
        {
            File.Delete(fileSink);
        }
        catch (IOException)
        {
        }

        Assert.Equal(0, deliveredDuringOutage);
        Assert.Contains("Connection refused", worker.StandardOutput + worker.StandardError, StringComparison.Ordinal);
        Assert.All(mustDecide, id => Assert.Contains(id, delivered.Select(d => d.Id)));
        Assert.Contains(delivered, d => d.Id.StartsWith("alarm:errors-seen:", StringComparison.Ordinal));
        Assert.Equal(delivered.Count, delivered.Select(d => d.Id).Distinct().Count());

        // Exactly once at Slack: each delivered message's text arrived in exactly one successful post, and nothing else did.
        var postedTexts = posted.Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("text").GetString()!).ToList();
        Assert.Equal(delivered.Count, postedTexts.Count);
        Assert.All(delivered, d => Assert.Single(postedTexts, text => text == d.Text));
        Assert.All(delivered, d => Assert.Equal(d.Id.StartsWith("summary:", StringComparison.Ordinal) ? "summary" : "alarm", posted[postedTexts.IndexOf(d.Text)].Channel));
    }

    private static List<(string Id, string Text)> ReadSink(string path)
    {
        try
        {
            // A line being appended right now is not JSON yet: the next read sees it whole.
            return File.ReadAllLines(path).Where(line => line.EndsWith('}')).Select(line =>
            {
                using var json = JsonDocument.Parse(line);
                return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("text").GetString()!);
            }).ToList();
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }
}
