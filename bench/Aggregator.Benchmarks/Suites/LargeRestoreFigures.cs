using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;
using Aggregator.Hosting.Options;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// Collects the large-restore suite's runs — the baseline and each lever, side by side — and renders its section of
/// RESULTS.md, with the RocksDB memory settings each configuration ran with.
/// </summary>
internal sealed class LargeRestoreFigures
{
    public const string Baseline = "baseline";
    private const double MiB = 1024 * 1024;
    private const double TargetRate = 100_000;
    private const double TargetRssMiB = 512;

    // The worker settings that shape a restore's speed and memory, shown per configuration (defaults: the app's own).
    private static readonly (string Key, Func<StreamsOptions, long> Default)[] SettingsShown =
    [
        ("Streams:MaxPollRestoringRecords", o => o.MaxPollRestoringRecords),
        ("Streams:RocksDbBlockCacheMiB", o => o.RocksDbBlockCacheMiB),
        ("Streams:RocksDbWriteBufferMiB", o => o.RocksDbWriteBufferMiB),
        ("Streams:RocksDbTotalWriteBufferMiB", o => o.RocksDbTotalWriteBufferMiB),
    ];

    private readonly List<(string Name, Lever? Lever)> _configurations = [(Baseline, null)];
    private readonly Dictionary<string, Dictionary<string, Samples>> _samples = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private string _data = string.Empty;
    private int _sampleWindows;

    public void Describe(WindowChangelog changelog, int partitions, int changelogPartitionsAll, long kept, long dropped)
    {
        _data = FormattableString.Invariant(
            $"{changelog.Records:N0} entries ({changelog.Keys:N0} count keys × {WindowChangelog.WindowsPerKey} windows: each key one event's five 5-minute windows hopping by 1 minute, event times spread over ") +
            FormattableString.Invariant(
            $"{(changelog.LastEvent - changelog.FirstEvent).TotalMinutes:N0} minutes) written by the bench straight into `<app>-activity-counts-changelog` ({partitions} partitions, lz4 batches; ") +
            FormattableString.Invariant(
            $"{changelog.Bytes / MiB:N1} MiB of keys and values before compression, written in {changelog.Seconds:N1} s). The broker kept {kept:N0} of them (log start offsets sum to {dropped:N0}: {(dropped == 0 ? "nothing dropped" : "records dropped")}). ") +
            FormattableString.Invariant(
            $"The application's other {changelogPartitionsAll - partitions} changelog partitions are empty.");
    }

    public void Add(string configuration, Lever? lever, ColdRestoreRun run, ColdRestoreRun? baseline)
    {
        if (!_configurations.Any(c => c.Name == configuration))
        {
            _configurations.Add((configuration, lever));
        }

        Add(configuration, "rate", run.Rate);
        Add(configuration, "restored-counts", run.Account.ByStore.GetValueOrDefault(ColdRestoreRun.Store));
        Add(configuration, "counts-s", run.Account.StoreSeconds(ColdRestoreRun.Store));
        Add(configuration, "restored", run.Account.Restored);
        Add(configuration, "restore-s", run.Account.Seconds);
        Add(configuration, "overall-rate", run.OverallRate);
        Add(configuration, "ready", run.ReadySeconds);
        Add(configuration, "first-ready", run.FirstReadySeconds ?? double.NaN);
        Add(configuration, "cpu", run.CpuSeconds);
        Add(configuration, "cpu-us", run.CpuSeconds * 1e6 / run.Account.Restored);
        Add(configuration, "rss", run.PeakRss / MiB);
        Add(configuration, "rss-settled", run.SettledRss / MiB);
        Add(configuration, "metric", run.RestoredMetric);
        Add(configuration, "checked", run.Check.Matched);
        _sampleWindows = run.Check.Expected;
        Add(configuration, "stop", run.Stop.Seconds);
        if (baseline is not null)
        {
            Add(configuration, "rate-ratio", run.Rate / baseline.Rate);
            Add(configuration, "rss-ratio", run.PeakRss / (double)baseline.PeakRss);
        }

        if (run.Check.Mismatch is not null)
        {
            _problems.Add($"{configuration}: {run.Check.Expected - run.Check.Matched} of {run.Check.Expected} sample windows not restored as written, e.g. {run.Check.Mismatch}");
        }

        if (run.Stop.ExitCode != 0)
        {
            _problems.Add($"{configuration}: the SIGTERM stop ended with exit code {run.Stop.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none (killed)"}");
        }
    }

    public void Problem(string problem) => _problems.Add(problem);

    public string Render(BenchOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine("## Cold restore of 1M window entries (issue 15)");
        text.AppendLine();
        text.AppendLine(_data);
        text.AppendLine();
        text.AppendLine("How measured: the entries are written by the bench rather than built by the worker, because building them means ~200,000 events with");
        text.AppendLine("distinct paths through all three sub-topologies (minutes of stream-thread time on this machine, see section 1) and leaves the dedup store's");
        text.AppendLine("changelog as large as the counts' one, so the restore would no longer measure the window store. The bytes are Streamiz's own changelog");
        text.AppendLine("format for a timestamped window store (count key + 8-byte big-endian window start + 4-byte sequence number; the count as Int64SerDes; the");
        text.AppendLine("record timestamp the window's last event time), and every run proves it: the worker's GET /counts must answer sample keys' windows");
        text.AppendLine("with the counts written (row \"sample windows\"). Per run a worker of that application starts with an **empty state directory**");
        text.AppendLine("and restores every changelog from offset 0 — the same topics for the baseline and every lever, which is what a cold restore reads");
        text.AppendLine("anyway; between runs the workers add only the report merger's couple of records (row \"records restored, all stores\"). Records and times are Streamiz's account from the worker's log: the counts store's");
        text.AppendLine("restore runs from its changelog's first partition handed to the restore consumer (StoreChangelogReader's Debug \"State store … metadata");
        text.AppendLine("found\") to its last \"Finished restoring changelog activity-counts … N records\"; the whole restore from the first \"Restoration will start");
        text.AppendLine("soon\" — which the worker's erasure application, a second Streamiz application in the process, logs seconds before the main one has");
        text.AppendLine("its partitions — to the last \"Finished\". Ready = /health/ready 200 with every task **and** every");
        text.AppendLine("changelog partition finished. Peak RSS is the worker's VmHWM when the restore has finished (the entries held, before any query); then");
        text.AppendLine(FormattableString.Invariant($"VmRSS {LargeRestoreSuite.Settle.TotalSeconds:N0} s later. Each lever runs right after the baseline of the same repeat; ratios are to that baseline."));
        text.AppendLine();
        text.AppendLine("| figure | " + string.Join(" | ", _configurations.Select(c => c.Name)) + " |");
        text.AppendLine("|---|" + string.Concat(_configurations.Select(_ => "---|")));
        Row(text, "**restore rate of activity-counts**, records/s", "rate", "N0", bold: true);
        Row(text, "rate × baseline (same repeat)", "rate-ratio", "N2");
        Row(text, "activity-counts records restored (Streamiz's log)", "restored-counts", "N0");
        Row(text, "activity-counts restore time, s", "counts-s", "N2");
        Row(text, "records restored, all stores", "restored", "N0");
        Row(text, "whole restore (first task restoring → last partition finished, as in section 2), s", "restore-s", "N2");
        Row(text, "whole restore rate, records/s", "overall-rate", "N0");
        Row(text, "**start → ready with every changelog partition restored**, s", "ready", "N2", bold: true);
        Row(text, "start → the worker's /health/ready first answered 200, s", "first-ready", "N2");
        Row(text, "worker CPU seconds, start → ready", "cpu", "N1");
        Row(text, "worker CPU µs per restored record (start-up included)", "cpu-us", "N1");
        Row(text, "**worker peak RSS** (VmHWM) with the entries held, MiB", "rss", "N0", bold: true);
        Row(text, "peak RSS × baseline (same repeat)", "rss-ratio", "N2");
        Row(text, FormattableString.Invariant($"worker RSS {LargeRestoreSuite.Settle.TotalSeconds:N0} s after the restore, MiB"), "rss-settled", "N0");
        Row(text, "the worker's `aggregator_streams_restore_records_total` when ready", "metric", "N0");
        Row(text, FormattableString.Invariant($"sample windows /counts answered as written (of {_sampleWindows})"), "checked", "N0");
        Row(text, "SIGTERM → exit, s", "stop", "N2");
        var defaults = new StreamsOptions();
        foreach (var (key, defaultValue) in SettingsShown)
        {
            text.AppendLine($"| `{key}` | " + string.Join(" | ", _configurations.Select(c =>
                c.Lever?.Settings.TryGetValue(key, out var value) == true ? $"**{Number(value)}**" : defaultValue(defaults).ToString("N0", CultureInfo.InvariantCulture))) + " |");
        }

        text.AppendLine();
        text.AppendLine(FormattableString.Invariant($"Targets (issue 15): restore ≥ {TargetRate:N0} records/s; peak RSS ≤ {TargetRssMiB:N0} MiB with 1M window entries. "));
        foreach (var (name, lever) in _configurations.Where(c => c.Lever is not null))
        {
            text.AppendLine();
            text.AppendLine($"Lever {name}: {lever!.Describe()}.");
        }

        foreach (var problem in _problems)
        {
            text.AppendLine();
            text.AppendLine($"**Problem:** {problem}.");
        }

        return text.ToString();
    }

    private static string Number(string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number.ToString("N0", CultureInfo.InvariantCulture) : value;

    private void Row(StringBuilder text, string label, string name, string format, bool bold = false) =>
        text.AppendLine($"| {label} | " + string.Join(" | ", _configurations.Select(c =>
        {
            var value = _samples.TryGetValue(c.Name, out var figures) && figures.TryGetValue(name, out var samples) ? samples.Format(format) : "—";
            return bold ? $"**{value}**" : value;
        })) + " |");

    private void Add(string configuration, string name, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return;
        }

        if (!_samples.TryGetValue(configuration, out var figures))
        {
            _samples[configuration] = figures = new Dictionary<string, Samples>(StringComparer.Ordinal);
        }

        if (!figures.TryGetValue(name, out var samples))
        {
            figures[name] = samples = new Samples();
        }

        samples.Add(value);
    }
}
