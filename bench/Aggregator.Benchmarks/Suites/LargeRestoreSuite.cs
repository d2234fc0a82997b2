using Aggregator.Benchmarks.Infrastructure;
using Aggregator.Topology;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// Cold restore of a large window store (issue 15: ≥ 100,000 records/s over 1M window entries, peak RSS ≤ 512 MB): the
/// bench writes the entries into the counts store's changelog itself (<see cref="WindowChangelog"/>), then per repeat a
/// worker with an empty state directory restores them — the baseline, then each lever right after it on the same
/// changelog — and reports Streamiz's own account of the restore, the worker's CPU and peak RSS, and whether the worker
/// serves the counts that were written.
/// </summary>
internal sealed class LargeRestoreSuite
{
    /// <summary>How long after the restore the settled RSS is read: the restore's garbage and RocksDB flushes have then run.</summary>
    internal static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    // Start plus restore of 1M records at the ~34,000 records/s seen so far is ~40 s; a loaded machine can take several times that.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(45);
    private const string ApplicationName = "restore";
    private const string RestoreRecordsMetric = "aggregator_streams_restore_records_total";
    private const double MiB = 1024 * 1024;
    private readonly LargeRestoreFigures _figures = new();

    public async Task<string> RunAsync(BenchContext context, CancellationToken cancellationToken = default)
    {
        var options = context.Options;
        var broker = context.Broker;
        var app = AppRun.Create(broker, ApplicationName, options.RestorePartitions, context.NewDirectory("state"));
        var topic = $"{app.ApplicationId}-{ActivityTopology.CountsStore}-changelog";
        context.Log($"restore: writing {options.RestoreEntries:N0} window entries to {topic} ({broker.Partitions(topic)} partitions)");
        var changelog = WindowChangelog.Write(broker, topic, options.RestoreEntries, cancellationToken);
        // Log start offsets sum to 0 only when every partition still starts at 0: nothing dropped by the broker.
        var dropped = broker.LowWatermarks(topic);
        var kept = broker.HighWatermarks(topic) - dropped;
        var changelogPartitions = app.Topics.Where(t => t.Key.EndsWith("-changelog", StringComparison.Ordinal)).Sum(t => t.Value);
        _figures.Describe(changelog, broker.Partitions(topic), changelogPartitions, kept, dropped);
        context.Log($"restore: wrote {changelog.Records:N0} records in {changelog.Seconds:F1} s ({changelog.Bytes / MiB:F1} MiB before lz4); the broker kept {kept:N0}");
        if (kept != changelog.Records)
        {
            _figures.Problem($"the broker kept {kept:N0} of {changelog.Records:N0} changelog records (~5 MB per partition): use more --restore-partitions");
        }

        for (var repeat = 1; repeat <= options.Repeats; repeat++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.Log($"restore #{repeat}: load average {MachineFacts.LoadAverage()}");
            var baseline = await MeasureAsync(context, app, changelog, changelogPartitions, null, $"#{repeat} {LargeRestoreFigures.Baseline}", cancellationToken);
            if (baseline is not null)
            {
                _figures.Add(LargeRestoreFigures.Baseline, null, baseline, null);
            }

            foreach (var lever in options.LeversFor("restore"))
            {
                var run = await MeasureAsync(context, app, changelog, changelogPartitions, lever, $"#{repeat} {lever.Name}", cancellationToken);
                if (run is not null)
                {
                    _figures.Add(lever.Name, lever, run, baseline);
                }
            }
        }

        return _figures.Render(options);
    }

    private async Task<ColdRestoreRun?> MeasureAsync(
        BenchContext context, AppRun app, WindowChangelog changelog, int changelogPartitions, Lever? lever, string label, CancellationToken cancellationToken)
    {
        var settings = app.WithStateDirectory(context.NewDirectory("cold"));
        foreach (var (key, value) in lever?.Settings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var category in RestoreLog.Categories)
        {
            settings[$"Logging:LogLevel:{category}"] = "Information";
        }

        // Its Debug lines date each changelog's start, so the counts store's restore is timed apart from the other stores'.
        settings[$"Logging:LogLevel:{RestoreLog.StoreStartCategory}"] = "Debug";

        var logPath = Path.Combine(context.NewDirectory("log"), "restore.log");
        await using var worker = WorkerProcess.Start(settings, logPath, lever?.Worker, lever?.Environment);
        var watch = new RestoreWatch();
        var ready = await SteadyStateSuite.WaitReadyAsync(
            worker, app.ExpectedTasks, watch, () => RestoreLog.Parse(logPath).Partitions >= changelogPartitions, ReadyTimeout, cancellationToken);
        if (ready is null)
        {
            var partial = RestoreLog.Parse(logPath);
            await worker.StopAsync(StopTimeout);
            _figures.Problem($"{label}: not ready within {ReadyTimeout.TotalMinutes:F0} min ({partial.Partitions} of {changelogPartitions} changelog partitions restored, {partial.Restored:N0} records): {worker.Tail()}");
            return null;
        }

        // Read before anything else runs in the worker: the peak with the entries held is the restore's own.
        var cpu = worker.CpuSeconds();
        var peak = worker.PeakRss();
        await Task.Delay(Settle, cancellationToken);
        var settled = ProcessStats.CurrentRss(worker.Pid);
        var metric = await worker.MetricAsync(RestoreRecordsMetric);
        var check = await RestoredCountsCheck.RunAsync(worker, changelog, cancellationToken);
        var stop = await worker.StopAsync(StopTimeout);
        var run = new ColdRestoreRun(ready.Value, watch.FirstReady, RestoreLog.Parse(logPath), cpu, peak, settled, metric, check, stop);
        context.Log($"{label}: ready after {ready:F1} s; {ColdRestoreRun.Store} {run.Account.ByStore.GetValueOrDefault(ColdRestoreRun.Store):N0} records in {run.Account.StoreSeconds(ColdRestoreRun.Store):F2} s = {run.Rate:N0}/s (all stores {run.Account.Restored:N0} in {run.Account.Seconds:F2} s); " +
            $"cpu {cpu:F1} s; peak rss {peak / MiB:F0} MiB, settled {settled / MiB:F0} MiB; /counts {check.Matched}/{check.Expected}");
        return run;
    }
}
