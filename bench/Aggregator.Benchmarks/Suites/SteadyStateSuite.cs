using System.Diagnostics;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// The steady-state measurement (issues 11 and 15), repeated: per repeat a fresh application (new id and topics) is
/// started as its own process and waited for until it is Running with every task initialised; then the raw events are
/// produced at once and the clock runs until activity.refined holds every expected eventId and until activity.counts
/// equals the reference. The worker is stopped with SIGTERM; a second instance with an empty state directory then
/// restores every store from its changelog (cold restore); finally a kcat pipe copies the same raw topic on the same
/// broker, as the floor the ratios are taken against.
/// </summary>
internal sealed class SteadyStateSuite
{
    internal static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private readonly SteadyStateFigures _figures = new();
    private readonly LeverFigures _levers = new();

    public async Task<string> RunAsync(BenchContext context)
    {
        var options = context.Options;
        context.Log($"generating {options.Events:N0} events");
        var data = RawData.Generate(options.Events, options.Span, options.MaxDelay);
        var reference = ReferenceCounts.Of(data);
        _figures.Describe(data, reference, options, !options.NoKcat && KcatPipe.Available);
        context.Log($"{data.ExpectedEventIds.Count:N0} expected in refined, {reference.Count:N0} windows in the reference");
        _figures.AppLogic(AppLogic.Measure(data));
        for (var repeat = 1; repeat <= options.Repeats; repeat++)
        {
            var app = AppRun.Create(context.Broker, $"bench{repeat}", options.Partitions, context.NewDirectory("state"));
            context.Log($"#{repeat}: load average {MachineFacts.LoadAverage()}; {app.Topics.Count} topics, {app.ExpectedTasks} tasks expected");
            if (!await MeasureRunAsync(context, app.Settings, app, data, reference, $"#{repeat}", _figures))
            {
                continue;
            }

            await MeasureLeversAsync(context, data, reference, repeat);
            await MeasureRestoreAsync(context, app, repeat);
            await MeasurePipeAsync(context, app, data.Count, repeat);
        }

        return _figures.Render() + _levers.Render(context.Options);
    }

    // Each lever on a fresh application right after the baseline of the same repeat: its ratios to that baseline.
    private async Task MeasureLeversAsync(BenchContext context, RawData data, Dictionary<string, long> reference, int repeat)
    {
        foreach (var lever in context.Options.LeversFor("steady"))
        {
            var app = AppRun.Create(context.Broker, $"bench{repeat}{lever.Name}", context.Options.Partitions, context.NewDirectory("state"));
            var settings = new Dictionary<string, string?>(app.Settings, StringComparer.Ordinal);
            foreach (var (key, value) in lever.Settings)
            {
                settings[key] = value;
            }

            var figures = _levers.For(lever);
            if (await MeasureRunAsync(context, settings, app, data, reference, $"#{repeat} {lever.Name}", figures, lever.Worker, lever.Environment))
            {
                _levers.Compare(lever, figures.Last, _figures.Last);
            }
        }
    }

    private static async Task<bool> MeasureRunAsync(
        BenchContext context, Dictionary<string, string?> workerSettings, AppRun app, RawData data, Dictionary<string, long> reference, string label, SteadyStateFigures figures,
        string? workerDll = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var broker = context.Broker;
        await using var worker = WorkerProcess.Start(workerSettings, Path.Combine(context.NewDirectory("log"), "worker.log"), workerDll, environment);
        var ready = await WaitReadyAsync(worker, app.ExpectedTasks, restore: null);
        if (ready is null)
        {
            figures.Problem($"{label}: the worker was not ready with {app.ExpectedTasks} tasks within {ReadyTimeout.TotalSeconds:F0} s: {worker.Tail()}");
            return false;
        }

        context.Log($"{label}: ready after {ready:F1} s");
        var cpuBefore = worker.CpuSeconds();
        var threadsBefore = ThreadCpu.Snapshot(worker.Pid);
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var refinedTally = new RefinedTally();
        var countsTally = new CountsTally(reference);
        var clock = new Stopwatch();
        using var refined = OutputFollower.Refined(broker, app.Refined, clock, data.ExpectedEventIds, refinedTally);
        using var counts = OutputFollower.Counts(broker, app.Counts, clock, countsTally);
        clock.Start();
        data.ProduceTo(broker, app.Raw);
        var produced = clock.Elapsed.TotalSeconds;
        var keptRaw = broker.HighWatermarks(app.Raw) - broker.LowWatermarks(app.Raw);
        context.Log($"{label}: produced {data.Count:N0} in {produced:F2} s (broker kept {keptRaw:N0})");

        double? cpuAtRefined = null, cpuAtCounts = null;
        Dictionary<int, (string Name, double Seconds)>? threadsAtCounts = null;
        TimeSpan? benchCpuAtCounts = null;
        var deadline = TimeSpan.FromMinutes(context.Options.Quick ? 3 : 6);
        var dropped = 0L;
        while (clock.Elapsed < deadline && !(refined.Complete && counts.Complete) && !worker.HasExited)
        {
            await Task.Delay(50);
            var cpu = worker.CpuSeconds();
            cpuAtRefined ??= refined.Complete ? cpu : null;
            cpuAtCounts ??= counts.Complete ? cpu : null;
            if (counts.Complete && threadsAtCounts is null)
            {
                threadsAtCounts = ThreadCpu.Snapshot(worker.Pid);
                benchCpuAtCounts = Process.GetCurrentProcess().TotalProcessorTime;
            }

            if (clock.Elapsed.TotalSeconds % 5 < 0.06)
            {
                dropped = Dropped(broker, app);
                context.Log($"{label}: +{clock.Elapsed.TotalSeconds:F0} s refined {refinedTally.Seen:N0}/{data.ExpectedEventIds.Count:N0}, counts windows wrong {countsTally.Wrong:N0}, dropped {dropped:N0}");
            }
        }

        var cpuEnd = worker.HasExited ? double.NaN : worker.CpuSeconds();
        cpuAtRefined ??= refined.Complete ? cpuEnd : null;
        cpuAtCounts ??= counts.Complete ? cpuEnd : null;
        var run = new WorkerRun(
            ready.Value,
            produced,
            refined.CompleteAt,
            counts.CompleteAt,
            (cpuAtRefined ?? double.NaN) - cpuBefore,
            (cpuAtCounts ?? double.NaN) - cpuBefore,
            worker.HasExited ? double.NaN : worker.PeakRss(),
            ((benchCpuAtCounts ?? Process.GetCurrentProcess().TotalProcessorTime) - benchCpuBefore).TotalSeconds,
            ThreadCpu.Between(threadsBefore, threadsAtCounts ?? ThreadCpu.Snapshot(worker.Pid)),
            app.Topics.Keys.Where(t => t != app.Raw).ToDictionary(t => t.Replace(app.ApplicationId, "<app>", StringComparison.Ordinal), broker.HighWatermarks),
            await worker.MetricAsync("aggregator_streams_records_late_dropped_total"),
            Dropped(broker, app),
            keptRaw);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the followers see what is still in flight: copies and overshoot
        var (over, under, missing) = countsTally.Differences();
        var exited = worker.HasExited;
        var stop = await worker.StopAsync(TimeSpan.FromSeconds(45));
        figures.Run(run, data.Count, refinedTally, (over, under, missing), stop);
        context.Log($"{label}: refined {run.RefinedSeconds:F1} s, counts {run.CountsSeconds:F1} s, cpu {run.CpuAtCounts:F1} s, rss {run.PeakRss / 1048576.0:F0} MiB, late {run.LateDropped}, dropped {run.Dropped}, stop {stop.Seconds:F1} s exit {stop.ExitCode}");
        if (!refined.Complete || !counts.Complete)
        {
            figures.Problem($"{label}: not complete after {deadline.TotalMinutes:F0} min: refined {refinedTally.Seen:N0} of {data.ExpectedEventIds.Count:N0}; " +
                $"counts: {over:N0} windows over, {under:N0} under the reference ({missing:N0} events missing; e.g. {countsTally.Examples()}); late-dropped {run.LateDropped}; records dropped by the broker {run.Dropped:N0}" +
                (exited ? $"; the worker exited: {worker.Tail()}" : string.Empty));
        }

        return true;
    }

    private async Task MeasureRestoreAsync(BenchContext context, AppRun app, int repeat)
    {
        var changelogTopics = app.Topics.Where(t => t.Key.EndsWith("-changelog", StringComparison.Ordinal)).ToList();
        var changelogs = changelogTopics.ToDictionary(
            t => t.Key.Replace(app.ApplicationId, "<app>", StringComparison.Ordinal), t => context.Broker.HighWatermarks(t.Key) - context.Broker.LowWatermarks(t.Key));
        var changelogPartitions = changelogTopics.Sum(t => t.Value);
        var settings = app.WithStateDirectory(context.NewDirectory("cold"));
        foreach (var category in RestoreLog.Categories)
        {
            settings[$"Logging:LogLevel:{category}"] = "Information";
        }

        var logPath = Path.Combine(context.NewDirectory("log"), "cold.log");
        await using var worker = WorkerProcess.Start(settings, logPath);
        var watch = new RestoreWatch();
        // Ready for the bench: /health/ready says so with every task AND Streamiz has finished every changelog partition
        // (the app's readiness alone can say ready before the restore has begun: see RESULTS.md).
        var ready = await WaitReadyAsync(worker, app.ExpectedTasks, watch, () => RestoreLog.Parse(logPath).Partitions >= changelogPartitions);
        var restored = await worker.MetricAsync("aggregator_streams_restore_records_total");
        await worker.StopAsync(TimeSpan.FromSeconds(45));
        var account = RestoreLog.Parse(logPath);
        if (ready is null)
        {
            _figures.Problem($"#{repeat}: the cold instance was not ready within {ReadyTimeout.TotalSeconds:F0} s ({account.Partitions} of {changelogPartitions} changelog partitions restored): {worker.Tail()}");
            return;
        }

        _figures.Restore(ready.Value, watch, restored, changelogs, account);
        context.Log($"#{repeat}: cold start ready after {ready:F1} s (/health/ready first said ready at {watch.FirstReady:F1} s); restored {account.Restored:N0} records in {account.Seconds:F2} s (metric {restored:N0})");
    }

    private async Task MeasurePipeAsync(BenchContext context, AppRun app, int events, int repeat)
    {
        var output = app.ApplicationId + ".pipe";
        context.Broker.Cluster.CreateTopic(output, context.Options.Partitions);
        var pipe = !context.Options.NoKcat && KcatPipe.Available
            ? await KcatPipe.RunAsync(context.Broker, app.Raw, output)
            : RawPipe.Run(context.Broker, app.Raw, output, events);
        _figures.Pipe(pipe, events);
        context.Log($"#{repeat}: pipe {events / pipe.Seconds:N0} records/s ({pipe.Records:N0} records out){(pipe.Problem is null ? string.Empty : ": " + pipe.Problem)}");
    }

    /// <summary>Seconds from the worker's start until /health/ready says ready with every task; null on timeout (default <see cref="ReadyTimeout"/>).</summary>
    internal static async Task<double?> WaitReadyAsync(
        WorkerProcess worker, int expectedTasks, RestoreWatch? restore, Func<bool>? restored = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        while (worker.Started.Elapsed < (timeout ?? ReadyTimeout) && !worker.HasExited)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = await worker.ReadyAsync();
            restore?.Observe(state, worker.Started.Elapsed.TotalSeconds);
            if (state is { Ready: true } && state.Tasks >= expectedTasks && (restored is null || restored()))
            {
                return worker.Started.Elapsed.TotalSeconds;
            }

            await Task.Delay(20, cancellationToken);
        }

        return null;
    }

    /// <summary>Records the broker dropped (log start offset above 0) in any of the application's topics: ~5 MB per partition.</summary>
    private static long Dropped(BenchBroker broker, AppRun app) => app.Topics.Keys.Sum(broker.LowWatermarks);
}

/// <summary>One worker run: seconds on the run's clock (0 = first record produced), CPU seconds from then, and what it wrote.</summary>
internal sealed record WorkerRun(
    double ReadySeconds,
    double ProducedSeconds,
    double RefinedSeconds,
    double CountsSeconds,
    double CpuAtRefined,
    double CpuAtCounts,
    double PeakRss,
    double BenchCpu,
    Dictionary<string, double> Threads,
    Dictionary<string, long> Written,
    double LateDropped,
    long Dropped,
    long KeptRaw);

/// <summary>What /health/ready (polled every 20 ms) said during a cold start: when it first said ready, and whether it ever listed restoring partitions.</summary>
internal sealed class RestoreWatch
{
    public double? FirstReady { get; private set; }

    public bool SawRestoring { get; private set; }

    public void Observe(ReadyState? state, double at)
    {
        SawRestoring |= state is { RestoringPartitions: > 0 };
        if (state is { Ready: true })
        {
            FirstReady ??= at;
        }
    }
}
