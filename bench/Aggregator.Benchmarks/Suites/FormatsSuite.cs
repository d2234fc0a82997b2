using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;
using Aggregator.Serialization;
using Aggregator.Topology;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// Avro vs JSON (issue 12), side by side in one run: per repeat, the same burst into a fresh worker with
/// <c>Serialization:Format=json</c> (raw JSON) and one with <c>avro</c> (raw Avro, in-memory registry), in alternating
/// order; the clock runs from the first record produced until activity.refined holds every expected eventId and until
/// activity.counts equals the reference, each decoded in its format.
/// </summary>
internal sealed class FormatsSuite
{
    private static readonly string[] Formats = [SerializationOptions.Json, SerializationOptions.Avro];
    private readonly Dictionary<string, Dictionary<string, Samples>> _figures = Formats.ToDictionary(f => f, _ => new Dictionary<string, Samples>(StringComparer.Ordinal));
    private readonly List<string> _problems = [];

    public async Task<string> RunAsync(BenchContext context)
    {
        var options = context.Options;
        var registry = Registry();
        var json = RawData.Generate(options.Events, options.Span, options.MaxDelay);
        var avro = json.WithValues(record => ToAvro(record, registry));
        var reference = ReferenceCounts.Of(json);
        var avroShare = avro.Records.Count(r => r.Value is [0, ..]) / (double)avro.Count;
        context.Log($"{json.Count:N0} events; {avroShare:P1} of them Avro in the avro run; {reference.Count:N0} windows in the reference");
        for (var repeat = 1; repeat <= options.Repeats; repeat++)
        {
            foreach (var format in repeat % 2 == 1 ? Formats : Formats.Reverse())
            {
                await MeasureAsync(context, format, format == SerializationOptions.Avro ? avro : json, reference, TopicFormats.Avro(registry), repeat);
            }
        }

        return Render(json, avro, avroShare, reference.Count, options);
    }

    private async Task MeasureAsync(BenchContext context, string format, RawData data, Dictionary<string, long> reference, TopicFormats avroFormats, int repeat)
    {
        var app = AppRun.Create(context.Broker, $"fmt{repeat}{format}", context.Options.Partitions, context.NewDirectory("state"));
        var settings = new Dictionary<string, string?>(app.Settings, StringComparer.Ordinal) { ["Serialization:Format"] = format };
        if (format == SerializationOptions.Avro)
        {
            settings["SchemaRegistry:InMemory"] = "true";
        }

        await using var worker = WorkerProcess.Start(settings, Path.Combine(context.NewDirectory("log"), $"{format}.log"));
        if (await SteadyStateSuite.WaitReadyAsync(worker, app.ExpectedTasks, restore: null) is null)
        {
            _problems.Add($"#{repeat} {format}: not ready: {worker.Tail()}");
            return;
        }

        var clock = new Stopwatch();
        var refinedTally = new RefinedTally();
        var countsTally = new CountsTally(reference);
        var isAvro = format == SerializationOptions.Avro;
        using var refined = OutputFollower.Refined(context.Broker, app.Refined, clock, data.ExpectedEventIds, refinedTally,
            isAvro ? value => value is null ? null : avroFormats.RefinedValue.Deserialize(value, new SerializationContext(MessageComponentType.Value, app.Refined)).EventId : null);
        using var counts = OutputFollower.Counts(context.Broker, app.Counts, clock, countsTally,
            isAvro ? (key, value) => CountOf(avroFormats, app.Counts, key, value) : null);
        var cpuBefore = worker.CpuSeconds();
        clock.Start();
        data.ProduceTo(context.Broker, app.Raw);
        double? cpuAtCounts = null;
        var deadline = TimeSpan.FromMinutes(context.Options.Quick ? 3 : 6);
        while (clock.Elapsed < deadline && !(refined.Complete && counts.Complete) && !worker.HasExited)
        {
            await Task.Delay(50);
            cpuAtCounts ??= counts.Complete ? worker.CpuSeconds() : null;
        }

        cpuAtCounts ??= counts.Complete && !worker.HasExited ? worker.CpuSeconds() : null;
        var rss = worker.HasExited ? double.NaN : worker.PeakRss();
        await worker.StopAsync(TimeSpan.FromSeconds(45));
        if (!refined.Complete || !counts.Complete)
        {
            _problems.Add($"#{repeat} {format}: not complete after {deadline.TotalMinutes:F0} min: refined {refinedTally.Seen:N0} of {data.ExpectedEventIds.Count:N0}, counts windows wrong {countsTally.Wrong:N0}");
            return;
        }

        var figures = _figures[format];
        figures.Record("raw → refined complete, events/s", data.Count / refined.CompleteAt);
        figures.Record("raw → counts exact, events/s", data.Count / counts.CompleteAt);
        figures.Record("worker CPU seconds until counts exact", cpuAtCounts!.Value - cpuBefore);
        figures.Record("worker CPU µs per input event", (cpuAtCounts!.Value - cpuBefore) * 1e6 / data.Count);
        figures.Record("worker peak RSS, MiB", rss / 1048576.0);
        figures.Record("activity.refined bytes per record (key + value)", BytesPerRecord(context.Broker, app.Refined));
        figures.Record("activity.counts bytes per record (key + value)", BytesPerRecord(context.Broker, app.Counts));
        context.Log($"#{repeat} {format}: refined {refined.CompleteAt:F1} s, counts {counts.CompleteAt:F1} s, cpu {cpuAtCounts - cpuBefore:F1} s");
    }

    private string Render(RawData json, RawData avro, double avroShare, int windows, BenchOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine("## Avro vs JSON (issue 12)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`./build.sh bench --formats` at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {MachineFacts.Commit()}, load average {MachineFacts.LoadAverage()}; {options.Repeats} repeat(s) of {json.Count:N0} events on {options.Partitions} partitions, the two formats alternating which goes first. Each run is a fresh worker process and application as in section 1 (no restore or pipe here). json: raw JSON in, JSON out. avro: the same events as Confluent-framed Avro raw records ({avroShare:P1}; the malformed share and the events sent without an eventId stay JSON, so the expected eventIds are the same), Avro out through the in-memory registry (a registry over HTTP is called once per schema, then cached). {windows:N0} windows in the reference.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Raw value size: json {json.Records.Average(r => r.Value.Length):F0} B, avro {avro.Records.Average(r => r.Value.Length):F0} B on average.");
        text.AppendLine();
        text.AppendLine("| figure | json | avro |");
        text.AppendLine("|---|---|---|");
        foreach (var figure in _figures[SerializationOptions.Json].Keys.Union(_figures[SerializationOptions.Avro].Keys))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {Cell(SerializationOptions.Json, figure)} | {Cell(SerializationOptions.Avro, figure)} |");
        }

        foreach (var problem in _problems)
        {
            text.AppendLine();
            text.AppendLine("**Problem:** " + problem.ReplaceLineEndings(" "));
        }

        return text.ToString();
    }

    private string Cell(string format, string figure) =>
        _figures[format].TryGetValue(figure, out var samples) ? samples.Format(figure.Contains("bytes", StringComparison.Ordinal) || figure.Contains("µs", StringComparison.Ordinal) || figure.Contains("seconds", StringComparison.Ordinal) ? "N1" : "N0") : "—";


    private static double BytesPerRecord(BenchBroker broker, string topic)
    {
        using var reader = broker.CreateReader(topic);
        long bytes = 0, records = 0;
        while (records < 20_000 && reader.Consume(TimeSpan.FromSeconds(2)) is { } result)
        {
            bytes += (result.Message.Key?.Length ?? 0) + (result.Message.Value?.Length ?? 0);
            records++;
        }

        return records == 0 ? double.NaN : bytes / (double)records;
    }

    private static (string Key, long Count) CountOf(TopicFormats formats, string topic, byte[] key, byte[]? value)
    {
        var window = formats.CountsKey.Deserialize(key, new SerializationContext(MessageComponentType.Key, topic));
        var count = value is null ? 0 : formats.CountsValue.Deserialize(value, new SerializationContext(MessageComponentType.Value, topic)).Count;
        return (window.Key + "@" + WindowedCountJson.Time(window.Window.StartMs), count);
    }

    // Events with their own eventId become Avro; malformed ones and those without an id (whose derived id hashes the raw bytes) stay JSON.
    private static byte[] ToAvro(Demo.GeneratedRecord record, ISchemaRegistryClient registry) =>
        record.Truth is { IsMalformed: false, EventId: not null } && RawEventAvro.FromContractJson(record.Value) is { } avro
            ? new AvroSerializer<GenericRecord>(registry).AsSyncOverAsync().Serialize(avro, new SerializationContext(MessageComponentType.Value, "activity.raw"))
            : record.Value;

    private static InMemorySchemaRegistry Registry()
    {
        var registry = new InMemorySchemaRegistry();
        foreach (var (subject, schema) in SchemaRegistration.Subjects(new Hosting.Options.TopicsOptions(), includeRaw: true))
        {
            registry.RegisterSchemaAsync(subject, new Schema(schema, SchemaType.Avro)).GetAwaiter().GetResult();
        }

        return registry;
    }
}
