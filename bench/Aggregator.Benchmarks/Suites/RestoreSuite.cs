using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;
using Aggregator.Streams.Runtime;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// Restore of the whole topology's state: one instance processes the events (filling the changelogs), stops;
/// then, per repeat, an instance with an empty state directory joins the same application, restores every store
/// from its changelog and becomes ready. Also a warm restart (state directory kept) for comparison.
/// </summary>
internal sealed class RestoreSuite : ISuite
{
    private readonly Samples _rate = new();
    private readonly Samples _restored = new();
    private readonly Samples _restoreSeconds = new();
    private readonly Samples _coldReady = new();
    private readonly Samples _warmReady = new();
    private readonly List<string> _problems = [];
    private readonly Dictionary<string, Samples> _coldSteps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Samples> _warmSteps = new(StringComparer.Ordinal);
    private static readonly (string Name, int EventId)[] Milestones =
    [
        ("global table (opt-outs) loaded", StartupLog.GlobalTablesLoaded),
        ("stream thread subscribed", StartupLog.ThreadSubscribed),
        ("first partitions assigned (group join)", StartupLog.Assigned),
        ("first task restoring", StartupLog.RestoreStarted),
    ];

    public string Name => "restore";

    public async Task<string> RunAsync(BenchContext context)
    {
        var kafka = context.Kafka;
        var events = context.Options.Events;
        var data = RawData.Generate(events, seed: 7);
        var topics = AppTopics.Fresh(kafka, kafka.CreateTopic("raw", AppTopics.Partitions), kafka.CreateTopic("optouts", AppTopics.Partitions));
        data.ProduceTo(kafka, topics.Raw);
        var appId = BenchKafka.UniqueName("restore");
        var warmState = context.NewStateDirectory("restore-warm");
        context.Log($"restore: filling the changelogs with {events:N0} events");
        await using (var fill = await ActivityApp.StartAsync(kafka, topics, appId, "fill", warmState))
        {
            var clock = Stopwatch.StartNew();
            while (kafka.HighWatermarks(topics.Refined) < data.ExpectedRefined && clock.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(200);
            }

            // Let the last commit (counts flushed to the changelog) happen.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var changelogs = kafka.TopicsStartingWith(appId + "-").Where(t => t.EndsWith("-changelog", StringComparison.Ordinal)).ToList();
        var changelogRecords = changelogs.Sum(t => kafka.HighWatermarks(t) - kafka.LowWatermarks(t));
        var dropped = changelogs.Sum(kafka.LowWatermarks);
        for (var repeat = 1; repeat <= context.Options.Repeats; repeat++)
        {
            await MeasureColdAsync(context, topics, appId, repeat);
            await MeasureWarmAsync(context, topics, appId, warmState);
            context.Log($"restore #{repeat}: {_rate.Max:N0} rec/s, cold ready {_coldReady.Max:N1} s, warm ready {_warmReady.Max:N1} s");
        }

        return Render(events, changelogs.Count, changelogRecords, dropped);
    }

    private async Task MeasureColdAsync(BenchContext context, AppTopics topics, string appId, int repeat)
    {
        var clock = Stopwatch.StartNew();
        using var log = new StartupLog(Stopwatch.GetTimestamp());
        await using var app = await ActivityApp.StartAsync(context.Kafka, topics, appId, $"cold{repeat}", context.NewStateDirectory("restore-cold"), extraLogs: log);
        if (!await WaitReadyAsync(app.Streams, clock))
        {
            _problems.Add($"cold instance {repeat} not ready after 5 minutes (state {app.Streams.State})");
            return;
        }

        _coldReady.Add(clock.Elapsed.TotalSeconds);
        AddMilestones(_coldSteps, log);
        if (log.Restore() is { } summary)
        {
            _restored.Add(summary.Restored);
            _restoreSeconds.Add(summary.Seconds);
            _rate.Add(summary.Restored / Math.Max(summary.Seconds, 1e-3));
        }
        else
        {
            _problems.Add($"cold instance {repeat} logged no restore");
        }
    }

    private async Task MeasureWarmAsync(BenchContext context, AppTopics topics, string appId, string state)
    {
        var clock = Stopwatch.StartNew();
        using var log = new StartupLog(Stopwatch.GetTimestamp());
        await using var app = await ActivityApp.StartAsync(context.Kafka, topics, appId, "fill", state, extraLogs: log);
        if (await WaitReadyAsync(app.Streams, clock))
        {
            _warmReady.Add(clock.Elapsed.TotalSeconds);
            AddMilestones(_warmSteps, log);
        }
        else
        {
            _problems.Add("warm instance not ready after 5 minutes");
        }
    }

    private static void AddMilestones(Dictionary<string, Samples> steps, StartupLog log)
    {
        foreach (var (name, eventId) in Milestones)
        {
            if (log.FirstAt(eventId) is { } seconds)
            {
                if (!steps.TryGetValue(name, out var samples))
                {
                    steps[name] = samples = new Samples();
                }

                samples.Add(seconds);
            }
        }
    }

    private static async Task<bool> WaitReadyAsync(KafkaStreams streams, Stopwatch clock)
    {
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (streams.State == StreamsState.Running && streams.Status.Tasks.Count > 0 && streams.Status.RestoringTasks == 0)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    private string Render(int events, int changelogs, long changelogRecords, long dropped)
    {
        var text = new StringBuilder();
        text.AppendLine("## 3. Restore from the changelogs, and start → ready");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"One instance of the whole topology processed {events:N0} events; its {changelogs} changelog topics then held {changelogRecords:N0} records (updates plus commit markers{(dropped > 0 ? $"; the embedded broker had already dropped the oldest {dropped:N0} at its ~5 MB per partition" : string.Empty)}).");
        text.AppendLine("Per repeat an instance with an empty state directory joins the same application id and gets every task; a warm restart reuses the filled state directory.");
        text.AppendLine("Restore time is the runtime's own account (from the first task's \"restoring\" log event to the last task's \"restored\"); ready = instance Running with no task restoring.");
        text.AppendLine();
        text.AppendLine("| figure | value |");
        text.AppendLine("|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **restore rate**, records/s | **{_rate.Format()}** |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| records restored | {_restored.Format()} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| restore time, s | {_restoreSeconds.Format("N2")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **start → ready, empty state directory** (topic checks, global table, group join, restore), s | **{_coldReady.Format("N2")}** |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| start → ready, warm restart (state directory kept), s | {_warmReady.Format("N2")} |");
        text.AppendLine();
        text.AppendLine("Target (issue 3): restore ≥ 250,000 records/s.");
        text.AppendLine();
        text.AppendLine("Where start → ready goes (seconds from `StartAsync` to the runtime's first log event of each step; ready polled every 20 ms):");
        text.AppendLine();
        text.AppendLine("| step | empty state directory | warm restart |");
        text.AppendLine("|---|---|---|");
        foreach (var (name, _) in Milestones)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {(_coldSteps.TryGetValue(name, out var cold) ? cold.Format("N2") : "—")} | {(_warmSteps.TryGetValue(name, out var warm) ? warm.Format("N2") : "—")} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| ready | {_coldReady.Format("N2")} | {_warmReady.Format("N2")} |");
        foreach (var problem in _problems)
        {
            text.AppendLine();
            text.AppendLine($"**Problem:** {problem}.");
        }

        return text.ToString();
    }
}
