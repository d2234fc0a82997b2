using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// Events/s of the whole activity topology, the partial reference topology and a raw consume→produce pipe over
/// the same pre-produced events, interleaved in each repeat so the ratios compare like with like; plus where the
/// whole topology's time goes (CPU per thread group, the topology's logic alone in the test driver, allocations,
/// records written per input event).
/// </summary>
internal sealed class ThroughputSuite : ISuite
{
    private readonly Samples _pipe = new();
    private readonly Samples _partial = new();
    private readonly Samples _wholeOut = new();
    private readonly Samples _wholeCommitted = new();
    private readonly Samples _wholeRatio = new();
    private readonly Samples _partialRatio = new();
    private readonly Samples _startup = new();
    private readonly Samples _driverCpu = new();
    private readonly Samples _driverAlloc = new();
    private readonly Samples _processCpu = new();
    private readonly Samples _partialCpu = new();
    private readonly Samples _pipeCpu = new();
    private readonly Samples _alloc = new();
    private readonly Samples _gen0 = new();
    private readonly Samples _gen2 = new();
    private readonly Dictionary<string, Samples> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Samples> _threads = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    public string Name => "throughput";

    public async Task<string> RunAsync(BenchContext context)
    {
        var kafka = context.Kafka;
        var events = context.Options.Events;
        context.Log($"throughput: generating {events:N0} events");
        var data = RawData.Generate(events);
        var raw = kafka.CreateTopic("raw", AppTopics.Partitions);
        var optOuts = kafka.CreateTopic("optouts", AppTopics.Partitions);
        data.ProduceTo(kafka, raw);
        var valid = data.Records.LongCount(r => !r.Truth.IsMalformed);
        context.Log($"throughput: produced {events:N0} events ({data.Bytes / 1024.0 / 1024.0:F1} MiB), {data.ExpectedRefined:N0} expected in activity.refined");

        for (var repeat = 1; repeat <= context.Options.Repeats; repeat++)
        {
            var pipe = MeasurePipe(kafka, raw, events);
            context.Log($"throughput #{repeat}: raw pipe {pipe:N0} ev/s");
            var partial = await MeasurePartialAsync(context, raw, events, valid);
            context.Log($"throughput #{repeat}: partial {partial:N0} ev/s");
            var whole = await MeasureWholeAsync(context, data, raw, optOuts);
            context.Log($"throughput #{repeat}: whole {whole:N0} ev/s");
            if (!double.IsNaN(pipe))
            {
                _wholeRatio.Add(whole / pipe);
                _partialRatio.Add(partial / pipe);
            }

            MeasureAppLogic(data);
        }

        return Render(data, events);
    }

    private double MeasurePipe(BenchKafka kafka, string raw, int events)
    {
        var cost = new CostProfile();
        var seconds = RawPipe.Run(kafka, raw, events);
        cost.Stop();
        if (double.IsNaN(seconds))
        {
            _problems.Add("the raw pipe did not see every record within 5 minutes");
            return double.NaN;
        }

        _pipe.Add(events / seconds);
        _pipeCpu.Add(cost.ProcessCpuSeconds * 1e6 / events);
        return events / seconds;
    }

    private async Task<double> MeasurePartialAsync(BenchContext context, string raw, int events, long valid)
    {
        var kafka = context.Kafka;
        var appId = BenchKafka.UniqueName("partial");
        var output = kafka.CreateTopic("partial-out", AppTopics.Partitions);
        var repartition = $"{appId}-by-key-repartition";
        var config = new Streams.StreamsConfig
        {
            ApplicationId = appId,
            BootstrapServers = kafka.BootstrapServers,
            InstanceId = "i",
            StateDirectory = context.NewStateDirectory("partial"),
            SessionTimeout = TimeSpan.FromSeconds(10),
            HeartbeatInterval = TimeSpan.FromMilliseconds(2500),
        };
        var clock = Stopwatch.StartNew();
        var cost = new CostProfile();
        await using var streams = new Streams.Runtime.KafkaStreams(PartialTopology.Build(raw, output), config, BenchLogging.Factory, topicAdmin: kafka.TopicAdmin());
        await streams.StartAsync(CancellationToken.None);
        using var committed = kafka.CommittedOffsets(appId);
        var progress = new Progress(clock);
        Dictionary<Confluent.Kafka.TopicPartition, long>? targets = null;
        var finished = await progress.WaitAsync(
            [
                ("first", () => kafka.Cluster.Topics.ContainsKey(repartition) && kafka.HighWatermarks(repartition) > 0),
                ("rekeyed", () => progress["first"] is not null && kafka.HighWatermarks(repartition) >= valid && (targets = kafka.LogEnds([raw, repartition])) is not null),
                ("committed", () => targets is not null && committed.CaughtUp(targets)),
            ],
            "committed",
            context.Options.Quick ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(10));
        cost.Stop();
        if (!finished)
        {
            _problems.Add($"partial topology did not finish within 10 minutes (state {streams.State}; topics {string.Join(", ", kafka.TopicsStartingWith(appId))}; marks {progress["first"]}/{progress["rekeyed"]})");
            return double.NaN;
        }

        var rate = events / (progress["committed"]!.Value - progress["first"]!.Value);
        _partial.Add(rate);
        _partialCpu.Add(cost.ProcessCpuSeconds * 1e6 / events);
        return rate;
    }

    private async Task<double> MeasureWholeAsync(BenchContext context, RawData data, string raw, string optOuts)
    {
        var run = await WholeTopologyRun.RunAsync(context, data, raw, optOuts, instances: 1);
        foreach (var (topic, records) in run.Written)
        {
            Add(_written, topic, records / (double)data.Count);
        }

        if (!run.Finished)
        {
            _problems.Add(run.Detail);
            return double.NaN;
        }

        _startup.Add(run.FirstSeconds);
        _wholeOut.Add(run.OutRate(data.Count));
        var rate = run.CommittedRate(data.Count);
        _wholeCommitted.Add(rate);
        _processCpu.Add(run.Cost.ProcessCpuSeconds * 1e6 / data.Count);
        _alloc.Add(run.Cost.AllocatedBytes / (double)data.Count);
        _gen0.Add(run.Cost.Gen0Collections);
        _gen2.Add(run.Cost.Gen2Collections);
        foreach (var (group, seconds) in run.Cost.ThreadSeconds)
        {
            Add(_threads, group, seconds * 1e6 / data.Count);
        }

        return rate;
    }

    private void MeasureAppLogic(RawData data)
    {
        var (cpu, allocated) = AppLogic.Measure(data);
        _driverCpu.Add(cpu);
        _driverAlloc.Add(allocated);
    }

    private static void Add(Dictionary<string, Samples> samples, string key, double value)
    {
        if (!samples.TryGetValue(key, out var s))
        {
            samples[key] = s = new Samples();
        }

        s.Add(value);
    }

    private string Render(RawData data, int events)
    {
        var text = new StringBuilder();
        text.AppendLine("## 1. Throughput: whole topology vs raw pipe (same data, same run)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{events:N0} generated events ({data.Bytes / (double)events:F0} B each on average; 0.5 % malformed, 1 % resends, 6 partitions, lz4 batches) pre-produced once; in every repeat the three runs below read them in turn.");
        text.AppendLine("Rates count from the first record out of the first stage (so group join and topic set-up are excluded; start-up is shown separately).");
        text.AppendLine();
        text.AppendLine("| run | events/s | ratio to raw pipe | process CPU µs/event |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| raw pipe: consume → produce, runtime's producer settings, no commits | {_pipe.Format()} | 1 | {_pipeCpu.Format("N1")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| partial topology: parse → re-key → 5 min/1 min hopping count (RocksDB + changelog), all offsets committed | {_partial.Format()} | {_partialRatio.Format("N2")} | {_partialCpu.Format("N1")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **whole activity topology** (the app's factory and config), until every event is in activity.refined and counts-by-key | {_wholeOut.Format()} | — | — |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **whole activity topology**, until every input offset is committed (headline) | **{_wholeCommitted.Format()}** | **{_wholeRatio.Format("N2")}** | {_processCpu.Format("N1")} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Whole topology: start-up to its first re-keyed record {_startup.Format("N2")} s. Targets (issue 3): ≥ 100,000 events/s and ≥ 0.5× the raw pipe.");
        text.AppendLine();
        text.AppendLine("### Where the whole topology's time goes");
        text.AppendLine();
        text.AppendLine("CPU per input event by thread (from /proc/self/task; the embedded broker runs in this process, so its threads appear too):");
        text.AppendLine();
        text.AppendLine("| thread group | CPU µs/event |");
        text.AppendLine("|---|---|");
        foreach (var (group, samples) in _threads.OrderByDescending(t => t.Value.Median).Where(t => t.Value.Median >= 0.5))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group} | {samples.Format("N1")} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| **process total** | {_processCpu.Format("N1")} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- The app's own per-event logic without the runtime (refine = parse, validate, mask, enrich; refined-event serde twice + deserialize once; count key; counted-event serde), one thread: {_driverCpu.Format("N1")} CPU µs/event, {_driverAlloc.Format("N0")} B allocated/event. The stream thread's CPU beyond this is the runtime's (poll, routing, caches, RocksDB, changelogs, watermarks, produce).");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Whole run on the broker: {_alloc.Format("N0")} B allocated per input event (all threads); GC: {_gen0.Format()} gen0 and {_gen2.Format()} gen2 collections per run.");
        text.AppendLine("- Records written per input event (all topics the run wrote):");
        text.AppendLine();
        text.AppendLine("| topic | records per input event |");
        text.AppendLine("|---|---|");
        foreach (var (topic, samples) in _written.OrderByDescending(t => t.Value.Median))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {topic} | {samples.Format("N3")} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| **total** | {Samples.Fmt(_written.Values.Sum(s => s.Median), "N3")} |");
        foreach (var problem in _problems)
        {
            text.AppendLine();
            text.AppendLine($"**Problem:** {problem}.");
        }

        return text.ToString();
    }
}
