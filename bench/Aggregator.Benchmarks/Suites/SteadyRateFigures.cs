using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// The steady-rate latency suite's runs over the repeats — the baseline and each lever — and its section of RESULTS.md:
/// one row per run kind, every figure <c>median (min – max)</c> over the repeats.
/// </summary>
internal sealed class SteadyRateFigures
{
    public const string Baseline = "baseline";
    private const double TargetP99Ms = 500;
    private readonly List<string> _order = [];
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Samples>> _samples = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int KeptUp, int Runs)> _keptUp = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private string _method = string.Empty;

    public void Describe(RawData data, BenchOptions options, TimeSpan warmUp)
    {
        _method = FormattableString.Invariant(
            $"Per repeat a fresh application (new id and topics, {options.Partitions} partitions) runs as `aggregator run` in its own process; once /health/ready says ready with every task, ") +
            FormattableString.Invariant(
            $"the bench produces the app's generator events ({data.Count:N0}: 0.5 % malformed, 1 % resends; {data.ExpectedEventIds.Count:N0} eventIds expected in activity.refined) at a steady {options.Rate:N0} events/s for {options.RateDuration.TotalSeconds:N0} s, ") +
            FormattableString.Invariant(
            $"paced every 10 ms (the records due by then), with linger.ms = {BenchBroker.PromptLingerMs}, lz4, acks = 1, so the producer adds about a millisecond. ") +
            FormattableString.Invariant(
            $"Latency = the instant the bench's reader of activity.refined consumed an eventId's first record − the instant the bench handed that eventId's first raw record to the producer (both Stopwatch, same process). ") +
            FormattableString.Invariant(
            $"The reader fetches with fetch.wait.max.ms = {BenchBroker.ReaderFetchWaitMaxMs} ms: the embedded broker (librdkafka's mock cluster) does not answer a waiting fetch early when a record arrives, so a reader with the default 500 ms would add up to half a second itself; ") +
            "the worker's own consumers have that effect too, which is what the `Kafka:Client:fetch.wait.max.ms` lever shows. " +
            FormattableString.Invariant(
            $"The first {warmUp.TotalSeconds:N0} s of producing ({SteadyRateLatencySuite.WarmUpShare:P0} of it: JIT, first fetches, caches filling) are a warm-up and not measured; percentiles are nearest-rank over the eventIds first produced after it. ") +
            "Worker CPU per event: the worker's CPU seconds (/proc, all threads) from the end of the warm-up to the last record produced, over the events produced in between. " +
            FormattableString.Invariant($"Kept up: every expected eventId reached activity.refined (the bench waits up to {SteadyRateLatencySuite.DrainTimeout.TotalSeconds:N0} s after the last produce) and the median latency of the last tenth of the measured events is at most {SteadyRateRun.KeptUpGrowth.TotalSeconds:N0} s above the first tenth's (a worker behind the rate builds a backlog, so latency grows) and at most {SteadyRateRun.BacklogMedian.TotalSeconds:N0} s (more is a backlog carried along, e.g. from the warm-up).");
    }

    public void Run(string name, string settings, SteadyRateRun run)
    {
        if (!_samples.TryGetValue(name, out var samples))
        {
            _order.Add(name);
            _settings[name] = settings;
            _samples[name] = samples = new Dictionary<string, Samples>(StringComparer.Ordinal);
            _keptUp[name] = (0, 0);
        }

        samples.Record("p50", run.P50);
        samples.Record("p90", run.P90);
        samples.Record("p99", run.P99);
        samples.Record("max", run.Max);
        samples.Record("measured", run.Measured);
        samples.Record("missing", run.Missing);
        samples.Record("rate", run.ProduceRate);
        samples.Record("drain", run.DrainSeconds);
        samples.Record("cpu-us", run.CpuMicrosecondsPerEvent);
        samples.Record("rss", run.PeakRssMiB);
        samples.Record("ready", run.ReadySeconds);
        samples.Record("copies", run.Copies);
        samples.Record("early", run.EarlyP50);
        samples.Record("late", run.LateP50);
        var (kept, runs) = _keptUp[name];
        _keptUp[name] = (kept + (run.KeptUp ? 1 : 0), runs + 1);
        if (run.AllArrived && !run.KeptUp)
        {
            _problems.Add(FormattableString.Invariant(
                $"{name}: the worker fell behind the rate: median latency {run.EarlyP50:N0} ms in the first tenth of the measured events, {run.LateP50:N0} ms in the last tenth, and the last eventId reached activity.refined {run.DrainSeconds:N1} s after the last record was produced, so its latencies are mostly queueing behind a backlog"));
        }

        if (!run.AllArrived)
        {
            _problems.Add(FormattableString.Invariant(
                $"{name}: only {run.Arrived:N0} of {run.Expected:N0} expected eventIds reached activity.refined (the broker had dropped {run.RawDropped:N0} raw records by then: it keeps ~5 MB per partition, so a worker far enough behind loses some)"));
        }
    }

    /// <summary>A lever's p99 over the baseline's p99 of the same repeat.</summary>
    public void Compare(string lever, double p99, double baselineP99) => _samples[lever].Record("p99-ratio", p99 / baselineP99);

    public void Problem(string problem) => _problems.Add(problem);

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("## Steady rate: produce → refined latency (issue 15)");
        text.AppendLine();
        text.AppendLine(_method);
        text.AppendLine();
        text.AppendLine("| run | settings | p50 ms | p90 ms | **p99 ms** | max ms | events measured | not arrived | produce rate, events/s | p50 first → last tenth, ms | kept up (runs) | last arrival after last produce, s | worker CPU µs/event | worker peak RSS, MiB | p99 × baseline |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var name in _order)
        {
            var samples = _samples[name];
            var (kept, runs) = _keptUp[name];
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {_settings[name]} | {Get(samples, "p50", "N0")} | {Get(samples, "p90", "N0")} | **{Get(samples, "p99", "N0")}** | {Get(samples, "max", "N0")} | {Get(samples, "measured", "N0")} | {Get(samples, "missing", "N0")} | {Get(samples, "rate", "N0")} | {Get(samples, "early", "N0")} → {Get(samples, "late", "N0")} | {kept} of {runs} | {Get(samples, "drain", "N2")} | {Get(samples, "cpu-us", "N1")} | {Get(samples, "rss", "N0")} | {Get(samples, "p99-ratio", "N2")} |");
        }

        text.AppendLine();
        text.AppendLine(FormattableString.Invariant($"Target (issue 15): p99 produce → refined ≤ {TargetP99Ms:N0} ms at a steady 5,000 events/s. Start → ready of these workers: {(_samples.TryGetValue(Baseline, out var baseline) ? Get(baseline, "ready", "N1") : "—")} s; at-least-once copies in activity.refined: {(baseline is null ? "—" : Get(baseline, "copies", "N0"))}."));
        foreach (var problem in _problems)
        {
            text.AppendLine();
            text.AppendLine($"**Problem:** {problem}.");
        }

        return text.ToString();
    }

    private static string Get(Dictionary<string, Samples> samples, string key, string format) =>
        samples.TryGetValue(key, out var s) ? s.Format(format) : "—";

}
