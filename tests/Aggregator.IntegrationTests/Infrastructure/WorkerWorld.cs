using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Aggregator.IntegrationTests.Infrastructure;
using Confluent.Kafka;

namespace Aggregator.IntegrationTests.Infrastructure;

/// <summary>
/// One scenario's world: an embedded cluster (its own, so brokers can be taken down, or the collection's shared one),
/// every topic the worker needs under throwaway names, and the real `aggregator` executable run against it as separate
/// processes — killed, restarted and probed over their operations endpoints like an operator would.
/// </summary>
internal sealed class WorkerWorld : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly Dictionary<string, string?> _settings;
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly bool _ownsKafka;
    private readonly bool _compress;

    private WorkerWorld(EmbeddedKafkaFixture kafka, bool ownsKafka, string prefix, int partitions, bool compress, ITestOutputHelper output, IReadOnlyDictionary<string, string?>? extra)
    {
        _output = output;
        _ownsKafka = ownsKafka;
        _compress = compress;
        Kafka = kafka;
        WorkDirectory = Directory.CreateTempSubdirectory($"agg-{prefix}-").FullName;
        _settings = ThrowawayApp.Settings(Kafka.BootstrapServers, prefix, partitions);
        _settings["Streams:StateDirectory"] = Path.Combine(WorkDirectory, "state");
        _settings["Streams:SessionTimeout"] = "00:00:04";
        _settings["Status:Interval"] = "00:00:05";
        if (compress)
        {
            // The embedded broker keeps only ~5 MB per partition: compressed batches let large inputs fit, so the
            // topics read back at the end still hold everything.
            _settings["Kafka:Client:compression.type"] = "zstd";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        ThrowawayApp.CreateTopics(Kafka, _settings);
    }

    public EmbeddedKafkaFixture Kafka { get; }

    public string WorkDirectory { get; }

    public const string DefaultInstance = "worker";

    public string ApplicationId => _settings["Streams:ApplicationId"]!;

    public string RawTopic => _settings["Topics:Raw"]!;

    public string RefinedTopic => _settings["Topics:Refined"]!;

    public string DlqTopic => _settings["Topics:Dlq"]!;

    public string CountsTopic => _settings["Topics:Counts"]!;

    public string OptOutsTopic => _settings["Topics:OptOuts"]!;

    public string ErasuresTopic => _settings["Topics:Erasures"]!;

    /// <summary>A world with an embedded cluster of its own (<paramref name="brokers"/> brokers), disposed with it.</summary>
    public static WorkerWorld Create(ITestOutputHelper output, int brokers, int partitions, IReadOnlyDictionary<string, string?>? extra, string prefix, bool compress) =>
        new(EmbeddedKafkaFixture.WithBrokers(brokers), ownsKafka: true, prefix, partitions, compress, output, extra);

    /// <summary>A world on the collection's shared cluster (throwaway topic names and application id keep it apart).</summary>
    public static WorkerWorld On(EmbeddedKafkaFixture kafka, ITestOutputHelper output, string prefix, int partitions, IReadOnlyDictionary<string, string?>? extra = null) =>
        new(kafka, ownsKafka: false, prefix, partitions, compress: false, output, extra);

    /// <summary>
    /// Starts an instance (its own instance id, hence its own state under the shared state directory, and its own
    /// operations port); starting the same instance again is a restart on the same state.
    /// </summary>
    public AppProcess StartWorker(string instance = DefaultInstance, IReadOnlyDictionary<string, string>? environment = null) =>
        AppProcess.StartAggregator(WorkDirectory, environment, _settings
            .Append(KeyValuePair.Create("Streams:InstanceId", (string?)instance))
            .Append(KeyValuePair.Create("Http:Port", (string?)PortOf(instance).ToString(CultureInfo.InvariantCulture)))
            .Select(s => $"--{s.Key}={s.Value}").Prepend("run").ToArray());

    public int PortOf(string instance)
    {
        lock (_ports)
        {
            if (!_ports.TryGetValue(instance, out var port))
            {
                _ports[instance] = port = MetricsScrape.FreePort();
            }

            return port;
        }
    }

    /// <summary>Like the collector's: idempotent, acks=all, Java-compatible partitioning; quiet about brokers taken down on purpose.</summary>
    public IProducer<byte[], byte[]> CreateProducer() =>
        new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            LingerMs = 5,
            Acks = Acks.All,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
            CompressionType = _compress ? CompressionType.Zstd : CompressionType.None,
        }).SetLogHandler((_, _) => { }).Build();

    public void Produce(IEnumerable<(string? Key, byte[] Value)> records, IProducer<byte[], byte[]>? producer = null)
    {
        using var own = producer is null ? CreateProducer() : null;
        var target = producer ?? own!;
        foreach (var (key, value) in records)
        {
            ProduceOne(target, RawTopic, key, value);
        }

        // Long enough to outlast a broker outage: the producer holds what it could not deliver yet and retries.
        Assert.Equal(0, target.Flush(TimeSpan.FromSeconds(180)));
    }

    public void ProduceOptOuts(IEnumerable<string> users)
    {
        using var producer = CreateProducer();
        foreach (var user in users)
        {
            ProduceOne(producer, OptOutsTopic, user, OptOutRecords.OptedOut);
        }

        producer.Flush(TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits until the latest count per (key, window) in activity.counts equals <paramref name="expected"/>; returns what it read.</summary>
    public Dictionary<string, long> WaitForCounts(IReadOnlyDictionary<string, long> expected, TimeSpan timeout) =>
        CountsReader.Latest(Kafka.ReadAll(CountsTopic, records => CountsReader.Matches(CountsReader.Latest(records), expected), timeout));

    /// <summary>Waits until activity.counts meets the at-least-once contract against <paramref name="expected"/> (see <see cref="CountsReader.AtLeast"/>).</summary>
    public Dictionary<string, long> WaitForCountsAtLeast(IReadOnlyDictionary<string, long> expected, TimeSpan timeout) =>
        CountsReader.Latest(Kafka.ReadAll(CountsTopic, records => CountsReader.AtLeast(CountsReader.Latest(records), expected), timeout));

    /// <summary>
    /// Every eventId in activity.refined with how often it appears, once <paramref name="until"/> holds for them (or the
    /// timeout passed). A record count alone is no sign of completeness: replayed copies make it up early.
    /// </summary>
    public Dictionary<string, int> RefinedEventIds(Func<IReadOnlyDictionary<string, int>, bool> until, TimeSpan timeout)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var read = 0;
        void CatchUp(IReadOnlyList<ConsumeResult<byte[], byte[]>> records)
        {
            for (; read < records.Count; read++)
            {
                var id = JsonDocument.Parse(records[read].Message.Value).RootElement.GetProperty("eventId").GetString()!;
                ids[id] = ids.GetValueOrDefault(id) + 1;
            }
        }

        CatchUp(Kafka.ReadAll(RefinedTopic, records =>
        {
            CatchUp(records);
            return until(ids);
        }, timeout));
        return ids;
    }

    public Dictionary<string, int> RefinedEventIds(int atLeastDistinct, TimeSpan timeout) =>
        RefinedEventIds(ids => ids.Count >= atLeastDistinct, timeout);

    /// <summary>
    /// activity.refined holds every expected event and no other (copies of an event are allowed: outputs are at least
    /// once across crashes); writes what it found to the test output.
    /// </summary>
    public Dictionary<string, int> AssertRefinedHolds(IReadOnlyCollection<string> expectedEventIds, TimeSpan timeout)
    {
        var expected = expectedEventIds.ToHashSet(StringComparer.Ordinal);
        var refined = RefinedEventIds(ids => expected.All(ids.ContainsKey), timeout);
        var missing = expected.Where(id => !refined.ContainsKey(id)).ToList();
        var unexpected = refined.Keys.Where(id => !expected.Contains(id)).ToList();
        _output.WriteLine($"refined: {refined.Count:N0} distinct events of {expected.Count:N0} expected, {refined.Values.Sum() - refined.Count:N0} replayed copies, "
            + $"{missing.Count:N0} missing, {unexpected.Count:N0} unexpected");
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        return refined;
    }

    public List<ConsumeResult<byte[], byte[]>> DeadLetters(int atLeast, TimeSpan timeout) =>
        Kafka.ReadAll(DlqTopic, records => records.Count >= atLeast, timeout);

    public async Task<(bool Ready, string? Detail)> ReadinessAsync(string instance = DefaultInstance)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{PortOf(instance)}/health/ready"));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode == HttpStatusCode.OK, body.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (false, "endpoint unreachable");
        }
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout, string instance = DefaultInstance)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!(await ReadinessAsync(instance)).Ready)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the worker was not ready within {timeout}");
            await Task.Delay(200);
        }
    }

    /// <summary>The sum of a metric family's samples on /metrics; null when the endpoint does not answer.</summary>
    public Task<double?> MetricAsync(string name, string? labelFilter = null, string instance = DefaultInstance) =>
        MetricsScrape.SumAsync(_http, PortOf(instance), name, labelFilter);

    /// <summary>
    /// Produces <paramref name="records"/> in slices, each once the worker has read all but one slice of what came
    /// before: the embedded broker keeps only ~5 MB per partition, so a backlog larger than that would be dropped.
    /// </summary>
    public async Task ProducePacedAsync(IReadOnlyList<(string? Key, byte[] Value)> records, int slice)
    {
        using var producer = CreateProducer();
        for (var offset = 0; offset < records.Count; offset += slice)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
            while ((await MetricAsync("aggregator_streams_records_processed_total", "task=\"1-") ?? 0) < offset - slice)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the worker did not read {offset - slice:N0} raw records within 2 minutes");
                await Task.Delay(250);
            }

            Produce(records.Skip(offset).Take(slice), producer);
        }
    }

    /// <summary>Ready is not yet processing: waits until the instance has processed something (false after 30 s).</summary>
    public async Task<bool> WaitUntilProcessingAsync(string instance = DefaultInstance)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await ProcessedAsync(instance) > 0))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>
    /// Whether the instance is processing right now: the worker publishes its progress once a second, so progress across
    /// 1.3 s means it was working. Returns the records processed in that time (null: it was not).
    /// </summary>
    public async Task<double?> ProcessingNowAsync(string instance = DefaultInstance)
    {
        var before = await ProcessedAsync(instance);
        await Task.Delay(1_300);
        var after = await ProcessedAsync(instance);
        return before is not null && after > before ? after - before : null;
    }

    /// <summary>Records processed by the worker so far (all tasks); null when it does not answer.</summary>
    public Task<double?> ProcessedAsync(string instance = DefaultInstance) => MetricAsync("aggregator_streams_records_processed_total", instance: instance);

    /// <summary>Writes the end of a worker's output to the test output (shown when the test fails).</summary>
    public void ShowTail(AppProcess worker, string label, int lines = 40)
    {
        var all = (worker.StandardOutput + worker.StandardError).Split('\n');
        _output.WriteLine($"--- {label}: last {Math.Min(lines, all.Length)} of {all.Length} lines ---");
        foreach (var line in all.TakeLast(lines))
        {
            _output.WriteLine(line.TrimEnd());
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        if (_ownsKafka)
        {
            Kafka.Dispose();
        }

        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A killed worker's files may still be closing; the temp directory is cleaned by the OS eventually.
        }
    }

    private static void ProduceOne(IProducer<byte[], byte[]> producer, string topic, string? key, byte[] value)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, new Message<byte[], byte[]> { Key = key is null ? null! : Encoding.UTF8.GetBytes(key), Value = value });
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }

}
