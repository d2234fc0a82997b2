using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>Collects the steady-state suite's samples over the repeats and renders its part of RESULTS.md.</summary>
internal sealed class SteadyStateFigures
{
    private const double MiB = 1024 * 1024;
    private readonly Dictionary<string, Samples> _samples = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Samples> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Samples> _threads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Samples> _changelogs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Samples> _restoredByStore = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private readonly List<string> _notes = [];
    private string _data = string.Empty;
    private string _pipeKind = string.Empty;

    public void Describe(RawData data, Dictionary<string, long> reference, BenchOptions options, bool kcat)
    {
        _pipeKind = kcat
            ? "kcat consume → kcat produce (two processes, lz4, linger 5 ms)"
            : "Confluent.Kafka consume → produce in the bench process (kcat not installed or --no-kcat; lz4, linger 5 ms)";
        _data = FormattableString.Invariant(
            $"{data.Count:N0} raw events from the app's generator ({data.Bytes / (double)data.Count:F0} B each on average, {data.Bytes / MiB:F1} MiB; 0.5 % malformed, 1 % resends; event time spread over {options.Span.TotalSeconds:N0} s, records arriving more than {options.MaxDelay.TotalSeconds:N0} s late left out), ") +
            FormattableString.Invariant($"{options.Partitions} partitions, produced at once with lz4 batches. Expected: {data.ExpectedEventIds.Count:N0} eventIds in activity.refined, {reference.Count:N0} (key, window) counts in activity.counts ") +
            "(reference computed in the bench from the generator's truth: type|path, 5-minute windows hopping by 1 minute).";
    }

    /// <summary>The last run's rates (events/s) and CPU µs per event; NaN where it did not complete.</summary>
    public (double Refined, double Counts, double CpuUs) Last { get; private set; } = (double.NaN, double.NaN, double.NaN);

    /// <summary>One figure over the repeats (see <see cref="Render"/> for the names).</summary>
    public Samples Get(string name) => _samples.TryGetValue(name, out var s) ? s : new Samples();

    public void AppLogic((double CpuMicroseconds, double AllocatedBytes) logic)
    {
        _samples.Record("logic-cpu", logic.CpuMicroseconds);
        _samples.Record("logic-alloc", logic.AllocatedBytes);
    }

    public void Run(WorkerRun run, int events, RefinedTally refined, (int Over, int Under, long Missing) counts, (int? ExitCode, double Seconds) stop)
    {
        Last = (events / run.RefinedSeconds, events / run.CountsSeconds, run.CpuAtCounts * 1e6 / events);
        _samples.Record("ready", run.ReadySeconds);
        _samples.Record("produced", run.ProducedSeconds);
        if (!double.IsNaN(run.RefinedSeconds))
        {
            _samples.Record("refined-s", run.RefinedSeconds);
            _samples.Record("refined-rate", Last.Refined);
            _samples.Record("cpu-refined", run.CpuAtRefined);
        }

        if (!double.IsNaN(run.CountsSeconds))
        {
            _samples.Record("counts-s", run.CountsSeconds);
            _samples.Record("counts-rate", Last.Counts);
            _samples.Record("cpu-counts", run.CpuAtCounts);
            _samples.Record("cpu-us", run.CpuAtCounts * 1e6 / events);
        }

        _samples.Record("rss", run.PeakRss / MiB);
        _samples.Record("bench-cpu", run.BenchCpu);
        _samples.Record("late", run.LateDropped);
        _samples.Record("dropped", run.Dropped);
        _samples.Record("copies", refined.Copies);
        _samples.Record("over", counts.Over);
        _samples.Record("stop", stop.Seconds);
        if (stop.ExitCode != 0)
        {
            _problems.Add($"the worker's SIGTERM stop ended with exit code {stop.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none (killed after 45 s)"}");
        }

        if (run.KeptRaw != events)
        {
            _problems.Add(FormattableString.Invariant($"the broker kept {run.KeptRaw:N0} of {events:N0} raw records (it holds ~5 MB per partition): use fewer --events"));
        }

        foreach (var (topic, records) in run.Written)
        {
            _written.Record(topic, records / (double)events);
        }

        foreach (var (group, seconds) in run.Threads.Where(t => t.Value > 0))
        {
            _threads.Record(group, seconds);
        }
    }

    public void Restore(double ready, RestoreWatch watch, double restoredMetric, Dictionary<string, long> changelogs, RestoreAccount account)
    {
        foreach (var (store, records) in account.ByStore)
        {
            _restoredByStore.Record(store, records);
        }

        foreach (var (topic, records) in changelogs)
        {
            _changelogs.Record(topic, records);
        }

        _samples.Record("cold-ready", ready);
        _samples.Record("cold-first-ready", watch.FirstReady ?? double.NaN);
        _samples.Record("restored", account.Restored);
        _samples.Record("restored-metric", restoredMetric);
        _samples.Record("restore-s", account.Seconds);
        _samples.Record("restore-rate", account.Restored / account.Seconds);
        if (account.ByStore.TryGetValue("activity-counts", out var counts))
        {
            _samples.Record("restored-counts", counts);
        }

        if (watch.FirstReady is { } first && first < ready - 0.1)
        {
            _notes.Add(FormattableString.Invariant(
                $"the worker's /health/ready first answered 200 (ready, every task counted, nothing listed as restoring) {ready - first:F1} s before Streamiz had finished restoring")
                + (watch.SawRestoring ? string.Empty : ", and never listed a restoring partition"));
        }
    }

    public void Pipe(PipeRun pipe, int events)
    {
        if (pipe.Problem is not null)
        {
            _problems.Add(pipe.Problem);
            return;
        }

        if (pipe.Records != events)
        {
            _problems.Add(FormattableString.Invariant($"the pipe wrote {pipe.Records:N0} records for {events:N0} read"));
        }

        var rate = events / pipe.Seconds;
        _samples.Record("pipe-rate", rate);
        _samples.Record("pipe-cpu", pipe.CpuSeconds);
        _samples.Record("ratio-refined", Last.Refined / rate);
        _samples.Record("ratio-counts", Last.Counts / rate);
    }

    public void Problem(string problem) => _problems.Add(problem);

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("## 1. Steady state: a burst into a running worker");
        text.AppendLine();
        text.AppendLine(_data);
        text.AppendLine("Per repeat: a fresh application (new application id and topics, all pre-created) runs as `aggregator run` in its own process; once its");
        text.AppendLine("/health/ready says ready with every task initialised, the events are produced at once and the clock starts at the first one.");
        text.AppendLine("Readers in the bench process follow activity.refined (every expected eventId) and activity.counts (latest count per window equal to the");
        text.AppendLine($"reference, and nothing else counted). The pipe is {_pipeKind}, over the same raw topic on the same broker, right after the worker has stopped.");
        text.AppendLine();
        text.AppendLine("| figure | value |");
        text.AppendLine("|---|---|");
        Row(text, "**raw → refined complete**, events/s", "refined-rate", "N0", bold: true);
        Row(text, "**raw → counts exact**, events/s", "counts-rate", "N0", bold: true);
        Row(text, "pipe (same data, same broker, same repeat), records/s", "pipe-rate", "N0");
        Row(text, "**ratio raw → refined / pipe**", "ratio-refined", "N3", bold: true);
        Row(text, "**ratio raw → counts / pipe**", "ratio-counts", "N3", bold: true);
        Row(text, "seconds until every raw event was acknowledged by the broker (the producer)", "produced", "N2");
        Row(text, "seconds until refined complete", "refined-s", "N2");
        Row(text, "seconds until counts exact", "counts-s", "N2");
        Row(text, "**worker CPU seconds** until counts exact (user + system, all threads)", "cpu-counts", "N1", bold: true);
        Row(text, "worker CPU seconds until refined complete", "cpu-refined", "N1");
        Row(text, "worker CPU µs per input event (until counts exact)", "cpu-us", "N1");
        Row(text, "pipe CPU seconds", "pipe-cpu", "N2");
        Row(text, "bench process CPU seconds until counts exact (embedded broker, producer, the two readers)", "bench-cpu", "N1");
        Row(text, "**worker peak RSS** (VmHWM), MiB", "rss", "N0", bold: true);
        Row(text, "**start → ready**, empty state, nothing to restore (process start to /health/ready with every task), s", "ready", "N2", bold: true);
        Row(text, "SIGTERM → exit, s", "stop", "N2");
        Row(text, "events dropped as late by the worker", "late", "N0");
        Row(text, "copies in activity.refined (at-least-once duplicates)", "copies", "N0");
        Row(text, "windows counted above the reference", "over", "N0");
        Row(text, "records the broker dropped from the application's topics (~5 MB per partition)", "dropped", "N0");
        text.AppendLine();
        text.AppendLine("Targets (issue 15, this machine): raw → exact counts ≥ 25,000 events/s and ≥ 0.2× the pipe; raw → refined ≥ 40,000 events/s; restore ≥ 100,000 records/s.");
        text.AppendLine();
        text.AppendLine("### Records written per input event");
        text.AppendLine();
        text.AppendLine("| topic | records per input event |");
        text.AppendLine("|---|---|");
        foreach (var (topic, samples) in _written.Where(w => w.Value.Median > 0).OrderByDescending(t => t.Value.Median))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {topic} | {samples.Format("N3")} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| **total** | {Samples.Fmt(_written.Values.Sum(s => s.Median), "N3")} |");
        text.AppendLine();
        text.AppendLine("### Worker CPU by thread (seconds, from the first event produced until counts exact)");
        text.AppendLine();
        text.AppendLine("Thread names as Linux shows them (15 characters; digits folded into #).");
        text.AppendLine();
        text.AppendLine("| thread group | CPU s |");
        text.AppendLine("|---|---|");
        foreach (var (group, samples) in _threads.OrderByDescending(t => t.Value.Median).Where(t => t.Value.Median >= 0.05))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group} | {samples.Format("N2")} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"The app's own per-event logic alone (refine = parse, validate, mask, enrich; the by-user hop's serde; refined serde; count key), one thread, in the bench process: {Get("logic-cpu").Format("N1")} CPU µs/event, {Get("logic-alloc").Format("N0")} B allocated/event.");
        text.AppendLine();
        text.AppendLine("## 2. Cold restore and start → ready");
        text.AppendLine();
        text.AppendLine("After each run (SIGTERM, clean stop), a second instance of the same application with an **empty state directory** starts and restores every");
        text.AppendLine("store from its changelog (`Streams:MaxPollRestoringRecords` = 100,000, the app's default). Restore time and records are Streamiz's own");
        text.AppendLine("account from the worker's log: the first task's \"Restoration will start soon\" to the last \"Finished restoring changelog … N records\".");
        text.AppendLine("Ready: /health/ready says ready with every task **and** the log shows every changelog partition finished.");
        text.AppendLine();
        text.AppendLine("| figure | value |");
        text.AppendLine("|---|---|");
        Row(text, "**restore rate**, records/s", "restore-rate", "N0", bold: true);
        Row(text, "records restored (all stores)", "restored", "N0");
        Row(text, "of which the counts window store (activity-counts)", "restored-counts", "N0");
        Row(text, "restore time, s", "restore-s", "N2");
        Row(text, "**start → ready, empty state directory, with restore**, s", "cold-ready", "N2", bold: true);
        Row(text, "start → the worker's /health/ready first answered 200", "cold-first-ready", "N2");
        Row(text, "the worker's `aggregator_streams_restore_records_total` when ready", "restored-metric", "N0");
        text.AppendLine();
        text.AppendLine("Changelog records at restore time, and what Streamiz says it restored (its \"Finished restoring changelog … with a total number of N records\" log lines, summed per store):");
        text.AppendLine();
        text.AppendLine("| changelog | records in the changelog | restored (Streamiz's log) |");
        text.AppendLine("|---|---|---|");
        foreach (var (topic, samples) in _changelogs.OrderByDescending(t => t.Value.Median))
        {
            var store = topic["<app>-".Length..^"-changelog".Length];
            text.AppendLine(CultureInfo.InvariantCulture, $"| {topic} | {samples.Format("N0")} | {(_restoredByStore.TryGetValue(store, out var restored) ? restored.Format("N0") : "—")} |");
        }

        foreach (var note in _notes.Distinct())
        {
            text.AppendLine();
            text.AppendLine($"Note: {note}.");
        }

        foreach (var problem in _problems)
        {
            text.AppendLine();
            text.AppendLine($"**Problem:** {problem}.");
        }

        return text.ToString();
    }

    private void Row(StringBuilder text, string label, string name, string format, bool bold = false)
    {
        var value = Get(name).Format(format);
        text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {(bold ? $"**{value}**" : value)} |");
    }

}
