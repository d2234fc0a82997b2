using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Aggregator.Activity;
using Aggregator.Hosting.Options;
using Aggregator.Hosting.Streams;
using Aggregator.Privacy;
using Aggregator.Serialization;
using Aggregator.Topology;
using Aggregator.Topology.Reporting;
using Aggregator.Topology.Serdes;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Tests.Topology;

/// <summary>
/// The product's activity topology on Streamiz's own <see cref="TopologyTestDriver"/> (synchronous, no broker), with
/// helpers to pipe raw JSON and read the outputs. One wall clock for both sides: <see cref="Time"/> (what the
/// refiner, the stats' publish pacing and the merger read) and the driver's mock clock (what fires punctuations)
/// move together in <see cref="AdvanceWallClock"/>.
/// </summary>
/// <remarks>
/// How the driver differs from a real cluster, and what the tests rely on: every topic has one partition (so raw
/// records come from partition 0, offsets counting from 0 per input topic); piping a record runs it through every
/// sub-topology at once (repartition topics are forwarded synchronously); a global-table record piped to
/// <c>privacy.optouts</c> is applied to the global store before the next record (in production the global thread
/// applies it concurrently, so an opt-out takes effect "soon", not at an exact record); and persistent stores are
/// RocksDB in <see cref="StateDirectory"/>, which the driver deletes on dispose.
/// </remarks>
internal sealed class ActivityTopologyFixture : IDisposable
{
    public const string ApplicationId = "aggregator";
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly TestInputTopic<byte[], byte[]> _raw;
    private readonly TestInputTopic<string, byte[]> _optOuts;
    private readonly ServiceProvider _services;
    private readonly StreamizMetricsBridge _streamiz;
    private TestInputTopic<string, TrackedEvent>? _byUser;

    /// <param name="outbox">Where the report merger's Slack messages go (default: nowhere).</param>
    /// <param name="stateDirectory">An existing state directory to open (a restart); default: a new one. Deleted on dispose either way.</param>
    /// <param name="countingPartitions">How many counting partitions the merger waits for (the driver has one).</param>
    /// <param name="formats">How the raw, refined and counts topics are read and written (default: JSON).</param>
    /// <param name="privacy">The refiner's privacy options (default: masked dead letters, the default allow-list).</param>
    public ActivityTopologyFixture(
        IOutbox? outbox = null, string? stateDirectory = null, FakeTimeProvider? time = null, int countingPartitions = 1, TopicFormats? formats = null, PrivacyOptions? privacy = null)
    {
        Time = time ?? new FakeTimeProvider(T0.AddMinutes(30));
        StateDirectory = stateDirectory ?? Path.Combine(Path.GetTempPath(), "aggregator-tests", Guid.NewGuid().ToString("N"));
        // Meters of this fixture's own factory: collectors see this topology's measurements, not a parallel test's.
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = _services.GetRequiredService<IMeterFactory>();
        Metrics = new ActivityMetrics(meters);
        Streams = new StreamsMetrics(meters);
        _streamiz = new StreamizMetricsBridge(meters);
        Replayed = new MetricCollector<long>(meters, ActivityMetrics.MeterName, "aggregator.events.replayed");
        Skipped = new MetricCollector<long>(meters, StreamsMetrics.MeterName, "aggregator.streams.records.skipped");
        LateDropped = new MetricCollector<long>(meters, StreamsMetrics.MeterName, "aggregator.streams.records.late_dropped");
        DeadLettersWithheld = new MetricCollector<long>(meters, ActivityMetrics.MeterName, "aggregator.events.dead_letters_withheld");
        PropertiesDropped = new MetricCollector<long>(meters, ActivityMetrics.MeterName, "aggregator.events.properties_dropped");
        var reporting = ReportingSettings.Defaults(new WindowsOptions(), Time);
        reporting = reporting with { Outbox = outbox ?? reporting.Outbox, CountingPartitions = countingPartitions };
        var services = new ActivityTopologyServices(
            ActivityRefiner.Create(timeProvider: Time, privacy: privacy), CountKeyBuilder.For(CountDimension.Type, CountDimension.Path), Metrics, Streams, reporting, formats);
        var topology = ActivityTopology.Build(ActivityTopologySettings.Default, services);
        // The worker's own Streamiz configuration (state, RocksDB limits, deserialization handling); the driver forces
        // one thread and at-least-once.
        var config = StreamsConfigFactory.Create(
            new KafkaOptions { BootstrapServers = "unused:9092" },
            new StreamsOptions { ApplicationId = ApplicationId, InstanceId = "test", StateDirectory = StateDirectory },
            exactlyOnce: false,
            NullLoggerFactory.Instance,
            _streamiz,
            Streams);
        Driver = new TopologyTestDriver(topology, config);
        _raw = Driver.CreateInputTopic("activity.raw", new ByteArraySerDes(), new ByteArraySerDes());
        _optOuts = Driver.CreateInputTopic("privacy.optouts", new StringSerDes(), new ByteArraySerDes());
        Dlq = Driver.CreateOutputTopic("activity.dlq", TimeSpan.FromMilliseconds(50), new ByteArraySerDes(), new ByteArraySerDes());
        // The driver allows one output topic per topic: text for the JSON tests, bytes when a format is given.
        if (formats is null)
        {
            Refined = Driver.CreateOutputTopic("activity.refined", TimeSpan.FromMilliseconds(50), new StringSerDes(), new StringSerDes());
            Counts = Driver.CreateOutputTopic("activity.counts", TimeSpan.FromMilliseconds(50), new StringSerDes(), new StringSerDes());
            RefinedBytes = null!;
            CountsBytes = null!;
        }
        else
        {
            RefinedBytes = Driver.CreateOutputTopic("activity.refined", TimeSpan.FromMilliseconds(50), new ByteArraySerDes(), new ByteArraySerDes());
            CountsBytes = Driver.CreateOutputTopic("activity.counts", TimeSpan.FromMilliseconds(50), new ByteArraySerDes(), new ByteArraySerDes());
            Refined = null!;
            Counts = null!;
        }
    }

    public TopologyTestDriver Driver { get; }

    public FakeTimeProvider Time { get; }

    public string StateDirectory { get; }

    public ActivityMetrics Metrics { get; }

    public StreamsMetrics Streams { get; }

    public MetricCollector<long> Replayed { get; }

    public MetricCollector<long> Skipped { get; }

    public MetricCollector<long> LateDropped { get; }

    public MetricCollector<long> DeadLettersWithheld { get; }

    public MetricCollector<long> PropertiesDropped { get; }

    public TestOutputTopic<string, string> Refined { get; }

    public TestOutputTopic<byte[], byte[]> Dlq { get; }

    /// <summary>activity.refined as bytes, when the fixture was given a format (the test decodes them).</summary>
    public TestOutputTopic<byte[], byte[]> RefinedBytes { get; }

    /// <summary>activity.counts as bytes, when the fixture was given a format.</summary>
    public TestOutputTopic<byte[], byte[]> CountsBytes { get; }

    /// <summary>Pipes a raw value as is (e.g. Confluent-framed Avro).</summary>
    public void PipeRawBytes(byte[] value, DateTimeOffset? timestamp = null) => _raw.PipeInput(null!, value, (timestamp ?? T0).UtcDateTime);

    public TestOutputTopic<string, string> Counts { get; }

    public void PipeRaw(string json, DateTimeOffset? timestamp = null) =>
        _raw.PipeInput(null!, Encoding.UTF8.GetBytes(json), (timestamp ?? T0.AddMinutes(30)).UtcDateTime);

    public void PipeEvent(string user, DateTimeOffset time, string type = "page_view", string path = "/home", string? eventId = null) =>
        PipeRaw(EventJson(user, time, type, path, eventId));

    public static string EventJson(string user, DateTimeOffset time, string type = "page_view", string path = "/home", string? eventId = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["eventId"] = eventId ?? Guid.NewGuid().ToString(),
            ["type"] = type,
            ["userId"] = user,
            ["timestamp"] = time.ToString("O", CultureInfo.InvariantCulture),
            ["url"] = "https://shop.example.com" + path,
        });

    /// <summary>
    /// Pipes an event straight into the by-user repartition topic, as the refine stage would have written it after
    /// reading it at <paramref name="origin"/> of the raw topic: the only way to hand dedup the same raw position twice
    /// (what a replay after a crash looks like), since the driver numbers raw offsets itself. Its raw partition's stream
    /// time is taken to be its own event time.
    /// </summary>
    public void PipeTracked(RefinedEvent refined, RawOrigin origin)
    {
        var topic = $"{ApplicationId}-{ActivityTopology.RefinedByUser}-repartition";
        _byUser ??= Driver.CreateInputTopic(topic, new StringSerDes(), TrackedEventSerDes.Instance);
        _byUser.PipeInput(refined.Key, new TrackedEvent(refined, origin, refined.EventTime.ToUnixTimeMilliseconds()), refined.EventTime.UtcDateTime);
    }

    /// <summary>Moves both wall clocks by <paramref name="by"/> (default 2 s: one stats publish period) and runs due punctuations.</summary>
    public void AdvanceWallClock(TimeSpan? by = null)
    {
        var step = by ?? PublishClock.Interval;
        Time.Advance(step);
        Driver.AdvanceWallClockTime(step);
    }

    public void OptOut(string user, bool optedOut = true) =>
        _optOuts.PipeInput(user, OptOutSerDes.Instance.Serialize(optedOut, new SerializationContext(MessageComponentType.Value, "privacy.optouts")), T0.UtcDateTime);

    public void OptBackInWithTombstone(string user) => _optOuts.PipeInput(user, null!, T0.UtcDateTime);

    public void PipeOptOutBytes(string? user, byte[] value) => _optOuts.PipeInput(user!, value, T0.UtcDateTime);

    /// <summary>Latest count per "key@HH:mm" window start, as activity.counts converges to (commits first: the count store caches).</summary>
    public Dictionary<string, long> LatestCounts() => LatestCountsFrom(ReadCounts());

    /// <summary>
    /// Every record on activity.counts so far: after the dedup stage's partial counts went out (a wall-clock punctuation
    /// every pre-aggregation interval, so both clocks move by that much) and a commit (the count store caches).
    /// </summary>
    public List<ConsumeResult<string, string>> ReadCounts()
    {
        AdvanceWallClock(ActivityTopologySettings.Default.PreAggregationInterval);
        Driver.Commit();
        return [.. Counts.ReadKeyValueList()];
    }

    public static Dictionary<string, long> LatestCountsFrom(IEnumerable<ConsumeResult<string, string>> records)
    {
        var latest = new Dictionary<string, long>();
        foreach (var record in records)
        {
            using var value = JsonDocument.Parse(record.Message.Value);
            var start = DateTimeOffset.Parse(value.RootElement.GetProperty("windowStart").GetString()!, CultureInfo.InvariantCulture);
            latest[$"{value.RootElement.GetProperty("key").GetString()}@{start:HH:mm}"] = value.RootElement.GetProperty("count").GetInt64();
        }

        return latest;
    }

    /// <summary>What a counter has added up to so far.</summary>
    public static long Total(MetricCollector<long> counter) => counter.GetMeasurementSnapshot().Sum(m => m.Value);

    /// <summary>The current value of an observable counter (it reports running totals when observed).</summary>
    public static long Observed(MetricCollector<long> counter)
    {
        counter.RecordObservableInstruments();
        return counter.LastMeasurement?.Value ?? 0;
    }

    public List<string> RefinedKeys() => [.. Refined.ReadKeyValueList().Select(r => r.Message.Key)];

    public void Dispose()
    {
        Driver.Dispose();
        Replayed.Dispose();
        Skipped.Dispose();
        LateDropped.Dispose();
        Metrics.Dispose();
        Streams.Dispose();
        _streamiz.Dispose();
        _services.Dispose();
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }
}
