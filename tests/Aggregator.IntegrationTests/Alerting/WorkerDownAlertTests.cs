using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Reporting;

namespace Aggregator.IntegrationTests.Alerting;

/// <summary>
/// Acceptance of issue 13 with the real binaries on loopback: the worker on the embedded broker, Prometheus scraping
/// it with the shipped rules, Alertmanager posting to a Slack stand-in. kill -9 → AggregatorWorkerDown reaches Slack
/// within 3 minutes; restart → the resolved message follows.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class WorkerDownAlertTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output) : SlackStandInTest("agg-alerting-")
{
    private static readonly TimeSpan PageBudget = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task KillNine_PagesWorkerDownWithinThreeMinutes_AndRestart_Resolves()
    {
        var workerPort = AlertingTools.FreePort();
        var settings = ThrowawayApp.Settings(kafka.BootstrapServers, "alerting", partitions: 2);
        settings["Streams:InstanceId"] = "alerting";
        settings["Streams:StateDirectory"] = Path.Combine(Work, "state");
        settings["Http:Port"] = workerPort.ToString(CultureInfo.InvariantCulture);
        ThrowawayApp.CreateTopics(kafka, settings);
        var arguments = settings.Select(s => $"--{s.Key}={s.Value}").Prepend("run").ToArray();

        await using var alerting = LoopbackAlerting.Start(Work, workerPort, Slack.Webhook("oncall"));
        try
        {
            var worker = AppProcess.StartAggregator(Work, null, arguments);
            await using (worker)
            {
                Assert.True(await WaitAsync(async () => await alerting.WorkerUpAsync() == 1, TimeSpan.FromSeconds(90)), "Prometheus never scraped the worker as up");
                worker.Signal("KILL");
                await worker.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }

            var sinceKill = Stopwatch.StartNew();
            var page = await WaitForPostAsync("[FIRING:1] AggregatorWorkerDown", PageBudget);
            var pagedAfter = sinceKill.Elapsed;
            output.WriteLine($"kill -9 → AggregatorWorkerDown at the stand-in after {pagedAfter.TotalSeconds:F1} s");
            Assert.True(page is not null, $"no AggregatorWorkerDown page within {PageBudget}");
            Assert.Contains($"127.0.0.1:{workerPort}", page.Body, StringComparison.Ordinal);
            Assert.Contains("docs/oncall.md#aggregatorworkerdown", page.Body, StringComparison.Ordinal);
            Assert.Contains("critical", page.Body, StringComparison.Ordinal);

            var restarted = AppProcess.StartAggregator(Work, null, arguments);
            await using (restarted)
            {
                var sinceRestart = Stopwatch.StartNew();
                var resolved = await WaitForPostAsync("[RESOLVED] AggregatorWorkerDown", TimeSpan.FromMinutes(2));
                output.WriteLine($"restart → resolved at the stand-in after {sinceRestart.Elapsed.TotalSeconds:F1} s");
                Assert.True(resolved is not null, "no resolved message within 2 minutes of the restart");
            }

            // One cause, one page: nothing else fired meanwhile (the derived alerts are inhibited or not due).
            Assert.All(Slack.PostsTo("oncall"), post => Assert.Contains("AggregatorWorkerDown", Title(post), StringComparison.Ordinal));
        }
        finally
        {
            foreach (var post in Slack.PostsTo("oncall"))
            {
                output.WriteLine($"{post.Arrived:mm\\:ss} {Title(post)}");
            }

            output.WriteLine(alerting.Logs[^Math.Min(alerting.Logs.Length, 4000)..]);
        }
    }

    private async Task<SlackPost?> WaitForPostAsync(string title, TimeSpan timeout)
    {
        SlackPost? found = null;
        await WaitAsync(() => Task.FromResult((found = Slack.PostsTo("oncall").FirstOrDefault(p => Title(p).Contains(title, StringComparison.Ordinal))) is not null), timeout);
        return found;
    }

    /// <summary>The attachment title Alertmanager's Slack integration sends.</summary>
    private static string Title(SlackPost post)
    {
        using var json = JsonDocument.Parse(post.Body);
        return string.Join(" | ", json.RootElement.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
