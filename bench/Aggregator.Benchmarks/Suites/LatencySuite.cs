using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;
using Aggregator.Demo;
using Aggregator.Streams.Runtime;
using Confluent.Kafka;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// End-to-end latency at fixed input rates: the app's generator produces live events (event time = now) at the
/// rate; a reader follows activity.refined and activity.counts. A rate counts as sustained only when the producer
/// reached it and the topology drained within 2 s after the producer stopped; otherwise the achieved rate is
/// reported instead of a latency that only measures a growing queue.
/// </summary>
internal sealed class LatencySuite : ISuite
{
    private static readonly int[] Rates = [2_000, 10_000, 50_000];
    private readonly Dictionary<int, RateResult> _results = Rates.ToDictionary(r => r, _ => new RateResult());

    public string Name => "latency";

    public async Task<string> RunAsync(BenchContext context)
    {
        var duration = context.Options.Quick ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(15);
        var optOuts = context.Kafka.CreateTopic("optouts", AppTopics.Partitions);
        for (var repeat = 1; repeat <= context.Options.Repeats; repeat++)
        {
            foreach (var rate in Rates)
            {
                await MeasureAsync(context, rate, duration, optOuts, _results[rate]);
                var r = _results[rate];
                context.Log($"latency #{repeat} {rate:N0}/s: produced {r.Produced.Max:N0}/s, {(r.LastSustained ? "sustained" : "NOT sustained")}, refined p50 {r.RefinedP50.Max:N1} ms");
            }
        }

        return Render(duration);
    }

    private static async Task MeasureAsync(BenchContext context, int rate, TimeSpan duration, string optOuts, RateResult result)
    {
        var kafka = context.Kafka;
        var topics = AppTopics.Fresh(kafka, kafka.CreateTopic("raw", AppTopics.Partitions), optOuts);
        await using var app = await ActivityApp.StartAsync(kafka, topics, BenchKafka.UniqueName("lat"), "i", context.NewStateDirectory("latency"));
        var ready = Stopwatch.StartNew();
        while (app.Streams.State != StreamsState.Running && ready.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        var warmUp = TimeSpan.FromSeconds(Math.Min(2, duration.TotalSeconds / 4));
        var start = Stopwatch.GetTimestamp();
        var tracker = new LatencyTracker(start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency));
        using var stop = new CancellationTokenSource();
        var firstHop = $"{app.ApplicationId}-{Topology.ActivityTopology.RefinedByUser}-repartition";
        var reader = Task.Run(() => Read(kafka, topics, firstHop, tracker, stop.Token));
        var (sent, seconds) = Produce(kafka, topics.Raw, rate, duration, tracker);
        var producedEnd = Stopwatch.GetTimestamp();
        var expected = tracker.Tracked;
        var drainDeadline = Stopwatch.StartNew();
        while (tracker.RefinedSeen < sent && drainDeadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }

        // Count updates are emitted at commits (every second): give the last one time to arrive.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await stop.CancelAsync();
        await reader;
        var achieved = sent / seconds;
        var lastRefined = tracker.LastRefinedTicks;
        var drain = lastRefined == 0 ? double.PositiveInfinity : Stopwatch.GetElapsedTime(producedEnd, lastRefined).TotalSeconds;
        var complete = tracker.RefinedSeen >= sent;
        var sustained = achieved >= 0.95 * rate && complete && drain <= 2.0;
        result.Produced.Add(achieved);
        result.Processed.Add(tracker.RefinedSeen / Math.Max(seconds, Stopwatch.GetElapsedTime(start, lastRefined == 0 ? producedEnd : lastRefined).TotalSeconds));
        result.LastSustained = sustained;
        result.Runs++;
        if (!sustained)
        {
            result.NotSustained++;
            result.Notes.Add($"{achieved:N0}/s produced, {tracker.RefinedSeen:N0} of {sent:N0} refined, last {(double.IsInfinity(drain) ? "never" : drain.ToString("F1", CultureInfo.InvariantCulture) + " s")} after the producer stopped");
            return;
        }

        var refined = tracker.RefinedLatencies();
        var counts = tracker.CountLatencies();
        var hop = tracker.FirstHopLatencies();
        result.FirstHopP50.Add(Percentiles.Of(hop, 50));
        result.FirstHopP99.Add(Percentiles.Of(hop, 99));
        result.RefinedP50.Add(Percentiles.Of(refined, 50));
        result.RefinedP99.Add(Percentiles.Of(refined, 99));
        result.CountsP50.Add(Percentiles.Of(counts, 50));
        result.CountsP99.Add(Percentiles.Of(counts, 99));
        result.Matched.Add(refined.Count);
        result.CountMatched.Add(counts.Count);
        _ = expected;
    }

    private static (long Sent, double Seconds) Produce(BenchKafka kafka, string topic, int rate, TimeSpan duration, LatencyTracker tracker)
    {
        var generator = new ActivityGenerator(
            new GeneratorOptions { BootstrapServers = "unused", Users = 5000, MalformedRatio = 0, DuplicateRatio = 0 },
            seed: rate,
            new ReplayClock(TimeProvider.System, 1, TimeSpan.Zero));
        using var producer = kafka.CreateInputProducer();
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (clock.Elapsed < duration)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            if (sent >= due)
            {
                Thread.Sleep(1);
                continue;
            }

            while (sent < due)
            {
                var record = generator.Next();
                tracker.Sent(record.Truth, Stopwatch.GetTimestamp());
                try
                {
                    producer.Produce(topic, new Message<byte[]?, byte[]> { Key = record.Key, Value = record.Value });
                }
                catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                    continue;
                }

                sent++;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        producer.Flush(TimeSpan.FromSeconds(30));
        return (sent, seconds);
    }

    private static void Read(BenchKafka kafka, AppTopics topics, string firstHop, LatencyTracker tracker, CancellationToken stop)
    {
        using var consumer = kafka.CreateReader(BenchKafka.UniqueName("lat-reader"));
        consumer.Assign(kafka.PartitionsOf(topics.Refined).Concat(kafka.PartitionsOf(topics.Counts)).Concat(kafka.PartitionsOf(firstHop)).Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        while (!stop.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (result?.Message?.Value is not { } value)
            {
                continue;
            }

            var now = Stopwatch.GetTimestamp();
            if (result.Topic == topics.Refined)
            {
                tracker.Refined(value, now);
            }
            else if (result.Topic == topics.Counts)
            {
                tracker.Count(value, now);
            }
            else
            {
                tracker.FirstHop(value, now);
            }
        }
    }

    private string Render(TimeSpan duration)
    {
        var text = new StringBuilder();
        text.AppendLine("## 2. End-to-end latency at fixed rates");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"The whole topology (app's factory and config) on fresh topics; the app's generator produces live events (no malformed, no resends) for {duration.TotalSeconds:F0} s per rate,");
        text.AppendLine("lz4-batched with linger 5 ms like a collector, in this process (the generator's CPU competes with the topology's). Latency = wall time from just before");
        text.AppendLine("`Produce` to the reader seeing the event in activity.refined (matched by eventId), and to the first activity.counts update of the event's latest");
        text.AppendLine("window whose count includes it. Counts are emitted at commits (commit interval 1 s), so their latency includes up to one interval by design.");
        text.AppendLine("The first quarter of each run (at most 2 s) is warm-up and not measured. A rate is *sustained* when the producer reached ≥ 95 % of it and");
        text.AppendLine("every event was in activity.refined within 2 s after the producer stopped; otherwise no latency is reported.");
        text.AppendLine();
        text.AppendLine("| target rate | achieved input ev/s | refined ev/s | sustained | refine stage out (by-user repartition) p50 / p99 ms | refined p50 ms | refined p99 ms | counts p50 ms | counts p99 ms |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var rate in Rates)
        {
            var r = _results[rate];
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {rate:N0}/s | {r.Produced.Format()} | {r.Processed.Format()} | {r.Runs - r.NotSustained} of {r.Runs} | {r.FirstHopP50.Format("N1")} / {r.FirstHopP99.Format("N1")} | {r.RefinedP50.Format("N1")} | {r.RefinedP99.Format("N1")} | {r.CountsP50.Format("N0")} | {r.CountsP99.Format("N0")} |");
        }

        var notes = Rates.SelectMany(rate => _results[rate].Notes.Select(n => $"- {rate:N0}/s not sustained: {n}.")).ToList();
        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in notes)
            {
                text.AppendLine(note);
            }
        }

        return text.ToString();
    }

    private sealed class RateResult
    {
        public Samples Produced { get; } = new();

        public Samples Processed { get; } = new();

        public Samples RefinedP50 { get; } = new();

        public Samples FirstHopP50 { get; } = new();

        public Samples FirstHopP99 { get; } = new();

        public Samples RefinedP99 { get; } = new();

        public Samples CountsP50 { get; } = new();

        public Samples CountsP99 { get; } = new();

        public Samples Matched { get; } = new();

        public Samples CountMatched { get; } = new();

        public List<string> Notes { get; } = [];

        public int Runs { get; set; }

        public int NotSustained { get; set; }

        public bool LastSustained { get; set; }
    }
}
