using System.Diagnostics;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// Issue 15's latency figure: p99 produce → refined at a steady rate (default 5,000 events/s). Per repeat a fresh
/// application is started and waited for until ready, as in the steady state; then the generator's events are produced
/// at the rate for the duration (<see cref="PacedProducer"/>) while a reader of activity.refined notes when each eventId
/// first arrives (<see cref="LatencyLedger"/>). Each lever runs the same on a fresh application right after the
/// baseline of the same repeat.
/// </summary>
internal sealed class SteadyRateLatencySuite
{
    /// <summary>The first fifth of the producing is a warm-up (JIT, first fetches, caches and RocksDB filling): not measured.</summary>
    public const double WarmUpShare = 0.2;

    // Events whose event time spans the duration arrive at the real pace; the generator's late records beyond this are left
    // out as in the steady state (they change nothing for refined latency, but keep the counts stage's input the same).
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    // After the last record is produced, how long the bench waits for the rest to reach activity.refined before it gives up
    // on them (reported as not arrived).
    internal static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(45);
    private const double MiB = 1024 * 1024;
    private readonly SteadyRateFigures _figures = new();

    public async Task<string> RunAsync(BenchContext context, CancellationToken cancellation = default)
    {
        var options = context.Options;
        var events = (int)Math.Min(int.MaxValue, (long)(options.Rate * options.RateDuration.TotalSeconds));
        context.Log($"steady rate: generating {events:N0} events ({options.Rate:N0}/s for {options.RateDuration.TotalSeconds:N0} s)");
        var data = RawData.Generate(events, options.RateDuration, MaxDelay);
        var firstRecords = LatencyLedger.FirstRecords(data);
        var warmUp = options.RateDuration * WarmUpShare;
        _figures.Describe(data, options, warmUp);
        for (var repeat = 1; repeat <= options.Repeats; repeat++)
        {
            cancellation.ThrowIfCancellationRequested();
            var app = AppRun.Create(context.Broker, $"rate{repeat}", options.Partitions, context.NewDirectory("state"));
            var baseline = await MeasureRunAsync(context, app.Settings, app, data, firstRecords, warmUp, $"#{repeat}", SteadyRateFigures.Baseline, "defaults", null, null, cancellation);
            foreach (var lever in options.LeversFor("latency"))
            {
                var leverApp = AppRun.Create(context.Broker, $"rate{repeat}{lever.Name}", options.Partitions, context.NewDirectory("state"));
                var settings = new Dictionary<string, string?>(leverApp.Settings, StringComparer.Ordinal);
                foreach (var (key, value) in lever.Settings)
                {
                    settings[key] = value;
                }

                var run = await MeasureRunAsync(context, settings, leverApp, data, firstRecords, warmUp, $"#{repeat} {lever.Name}", lever.Name, lever.Describe(), lever.Worker, lever.Environment, cancellation);
                if (run is not null && baseline is not null)
                {
                    _figures.Compare(lever.Name, run.P99, baseline.P99);
                }
            }
        }

        return _figures.Render();
    }

    private async Task<SteadyRateRun?> MeasureRunAsync(
        BenchContext context, Dictionary<string, string?> settings, AppRun app, RawData data, IReadOnlyDictionary<string, int> firstRecords, TimeSpan warmUp,
        string label, string name, string description, string? workerDll, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellation)
    {
        var options = context.Options;
        await using var worker = WorkerProcess.Start(settings, Path.Combine(context.NewDirectory("log"), "worker.log"), workerDll, environment);
        var ready = await SteadyStateSuite.WaitReadyAsync(worker, app.ExpectedTasks, restore: null, cancellationToken: cancellation);
        if (ready is null)
        {
            _figures.Problem($"{label}: the worker was not ready with {app.ExpectedTasks} tasks within {SteadyStateSuite.ReadyTimeout.TotalSeconds:F0} s: {worker.Tail()}");
            return null;
        }

        context.Log($"{label}: ready after {ready:F1} s; producing {options.Rate:N0} events/s for {options.RateDuration.TotalSeconds:N0} s (load average {MachineFacts.LoadAverage()})");
        var ledger = new LatencyLedger(firstRecords, data.Count);
        var pacer = new PacedProducer(data.Records, options.Rate);
        using var stopProducing = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var refined = OutputFollower.EventIds(context.Broker, app.Refined, Stopwatch.StartNew(), ledger.Arrive);
        var start = Stopwatch.GetTimestamp();
        var warmUpEnds = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var producing = Task.Factory.StartNew(
            () => pacer.Run(context.Broker, app.Raw, start, stopProducing.Token), stopProducing.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // The measured part's CPU: sampled at the first poll after the warm-up and once the last record is handed over.
        (double Cpu, int Sent)? atWarmUpEnd = null;
        var nextProgress = ProgressInterval;
        try
        {
            while (!producing.IsCompleted && !worker.HasExited)
            {
                await Task.Delay(PollInterval, cancellation);
                if (atWarmUpEnd is null && Stopwatch.GetTimestamp() >= warmUpEnds)
                {
                    atWarmUpEnd = (worker.CpuSeconds(), pacer.Sent);
                }

                if (Stopwatch.GetElapsedTime(start) >= nextProgress)
                {
                    nextProgress += ProgressInterval;
                    context.Log($"{label}: +{Stopwatch.GetElapsedTime(start).TotalSeconds:F0} s produced {pacer.Sent:N0}, refined {ledger.Arrived:N0}");
                }
            }
        }
        finally
        {
            // Whatever ended the loop (the worker died, cancellation), the producer thread stops before its data goes away.
            await stopProducing.CancelAsync();
            await producing;
        }

        var sentAtEnd = pacer.Sent;
        var cpuAtEnd = worker.HasExited ? double.NaN : worker.CpuSeconds();
        var produceSeconds = sentAtEnd == 0 ? double.NaN : Stopwatch.GetElapsedTime(start, pacer.LastHandedAt).TotalSeconds;
        context.Log($"{label}: produced {sentAtEnd:N0} in {produceSeconds:F1} s; waiting for the rest of activity.refined ({ledger.Arrived:N0} of {ledger.Expected:N0} so far)");
        var drainEnds = Stopwatch.GetTimestamp() + (long)(DrainTimeout.TotalSeconds * Stopwatch.Frequency);
        while (ledger.Arrived < ledger.Expected && Stopwatch.GetTimestamp() < drainEnds && !worker.HasExited)
        {
            await Task.Delay(PollInterval, cancellation);
        }

        var peakRss = worker.HasExited ? double.NaN : worker.PeakRss() / MiB;
        refined.Dispose(); // the ledger is read below, so its writer stops first (the using's dispose is then a no-op)
        var exited = worker.HasExited;
        var stop = await worker.StopAsync(StopTimeout);
        if (exited || stop.ExitCode != 0)
        {
            _figures.Problem($"{label}: the worker {(exited ? "exited during the run" : "did not stop cleanly")} (exit code {stop.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): {worker.Tail()}");
        }

        var (inProduceOrder, missing) = ledger.Measure(pacer.HandedAt, warmUpEnds);
        var trend = (int)(inProduceOrder.Count * SteadyRateRun.TrendShare);
        var early = Sorted(inProduceOrder, 0, trend);
        var late = Sorted(inProduceOrder, inProduceOrder.Count - trend, trend);
        var latencies = Sorted(inProduceOrder, 0, inProduceOrder.Count);
        var allArrived = ledger.Arrived == ledger.Expected;
        var run = new SteadyRateRun(
            ready.Value,
            Percentile.Of(latencies, 0.50),
            Percentile.Of(latencies, 0.90),
            Percentile.Of(latencies, 0.99),
            latencies.Count == 0 ? double.NaN : latencies[^1],
            latencies.Count + missing,
            missing,
            sentAtEnd / produceSeconds,
            ledger.Expected,
            ledger.Arrived,
            allArrived ? Stopwatch.GetElapsedTime(pacer.LastHandedAt, ledger.LastArrivalAt).TotalSeconds : double.NaN,
            atWarmUpEnd is { } w && sentAtEnd > w.Sent ? (cpuAtEnd - w.Cpu) * 1e6 / (sentAtEnd - w.Sent) : double.NaN,
            peakRss,
            Percentile.Of(early, 0.50),
            Percentile.Of(late, 0.50),
            ledger.Copies,
            context.Broker.LowWatermarks(app.Raw));
        _figures.Run(name, description, run);
        context.Log($"{label}: p50 {run.P50:F0} ms, p90 {run.P90:F0} ms, p99 {run.P99:F0} ms, max {run.Max:F0} ms over {run.Measured:N0} events ({missing:N0} not arrived); " +
            $"p50 first → last tenth {run.EarlyP50:F0} → {run.LateP50:F0} ms (kept up: {run.KeptUp}); produce rate {run.ProduceRate:N0}/s; refined {ledger.Arrived:N0} of {ledger.Expected:N0}, last {run.DrainSeconds:F2} s after the last produce; " +
            $"cpu {run.CpuMicrosecondsPerEvent:F0} µs/event, rss {run.PeakRssMiB:F0} MiB");
        return run;
    }

    private static List<double> Sorted(List<double> values, int from, int count)
    {
        var sorted = values.GetRange(from, count);
        sorted.Sort();
        return sorted;
    }
}
