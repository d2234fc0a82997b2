// Perf probe: prints (never asserts) rates of the raw pipe, the activity topology, parse→rekey→count and restore,
// on an in-process embedded broker. Usage: probe <pipe|topology|count> <events> [keys]
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Aggregator.Activity;
using Aggregator.Hosting.Options;
using Aggregator.Privacy;
using Aggregator.Streams;
using Aggregator.Streams.Dsl;
using Aggregator.Streams.Kafka.Admin;
using Aggregator.Streams.Kafka.Embedded;
using Aggregator.Streams.Runtime;
using Aggregator.Topology;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using S = Aggregator.Streams.Serdes.Serdes;

var mode = args[0];
var n = int.Parse(args[1]);
var label = Environment.GetEnvironmentVariable("PROBE_LABEL") ?? "?";
using var cluster = EmbeddedKafkaCluster.Start(1);
var probe = new Probe(cluster, label);
switch (mode)
{
    case "pipe":
        probe.Pipe(n);
        break;
    case "topology":
        await probe.Topology(n);
        break;
    case "count":
        await probe.Count(n, args.Length > 2 ? int.Parse(args[2]) : 1000);
        break;
    default:
        throw new ArgumentException(mode);
}

internal sealed class Probe(EmbeddedKafkaCluster cluster, string label)
{
    private static readonly string[] Types = ["page_view", "page_view", "page_view", "click", "search", "add_to_cart", "purchase", "error"];
    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    ];

    private string Bootstrap => cluster.BootstrapServers;

    private string Topic(string prefix, int partitions)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        cluster.CreateTopic(name, partitions);
        return name;
    }

    private (List<(string Key, byte[] Value)> Records, int ExpectedUnique) Activity(int events)
    {
        var random = new Random(7);
        var start = DateTimeOffset.UtcNow.AddMinutes(-40);
        var records = new List<(string, byte[])>(events);
        var expected = 0;
        for (var i = 0; records.Count < events; i++)
        {
            var user = $"u-{random.Next(5000):D5}";
            if (random.Next(100) < 1)
            {
                records.Add((user, Encoding.UTF8.GetBytes("{broken json")));
                continue;
            }

            var time = start.AddMilliseconds(((double)i / events * 30 * 60_000) + random.Next(-20_000, 20_000));
            var value = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["eventId"] = $"e-{i}",
                ["type"] = Types[random.Next(Types.Length)],
                ["userId"] = user,
                ["sessionId"] = $"s-{user}-{random.Next(3)}",
                ["timestamp"] = time.ToString("O"),
                ["url"] = $"https://shop.example.com/products/{random.Next(150)}?utm_source=news&ref=home",
                ["userAgent"] = Agents[random.Next(Agents.Length)],
                ["ip"] = $"203.0.{random.Next(256)}.{random.Next(256)}",
            });
            records.Add((user, value));
            expected++;
            if (random.Next(100) < 2 && records.Count < events)
            {
                records.Add((user, value));
            }
        }

        return (records, expected);
    }

    private void Produce(string topic, IEnumerable<(string Key, byte[] Value)> records, Func<int, long>? timestamp = null)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = Bootstrap, LingerMs = 5, Acks = Acks.All, EnableIdempotence = true, Partitioner = Partitioner.Murmur2Random,
        }).Build();
        var i = 0;
        foreach (var (key, value) in records)
        {
            var message = new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = value };
            if (timestamp is not null)
            {
                message.Timestamp = new Timestamp(timestamp(i), TimestampType.CreateTime);
            }

            while (true)
            {
                try
                {
                    producer.Produce(topic, message);
                    break;
                }
                catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }

            i++;
        }

        producer.Flush(TimeSpan.FromSeconds(60));
    }

    public void Pipe(int events)
    {
        var (records, _) = Activity(events);
        var input = Topic("raw", 6);
        var output = Topic("out", 6);
        Produce(input, records);
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = Bootstrap, ["group.id"] = "pipe-" + Guid.NewGuid().ToString("N"), ["enable.auto.commit"] = "false",
            ["auto.offset.reset"] = "earliest", ["fetch.max.bytes"] = (64 << 20).ToString(), ["max.partition.fetch.bytes"] = (8 << 20).ToString(),
            ["queued.max.messages.kbytes"] = (256 << 10).ToString(),
        }).Build();
        using var producer = new ProducerBuilder<byte[], byte[]>(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = Bootstrap, ["enable.idempotence"] = "true", ["acks"] = "all", ["linger.ms"] = "5", ["batch.size"] = (1 << 20).ToString(),
            ["queue.buffering.max.messages"] = "1000000", ["queue.buffering.max.kbytes"] = (512 << 10).ToString(), ["partitioner"] = "murmur2_random",
        }).Build();
        consumer.Subscribe(input);
        var consumed = 0;
        Stopwatch? clock = null;
        var meter = default(Meter);
        Action<DeliveryReport<byte[], byte[]>> onDelivery = _ => { };
        var pipeDeadline = DateTime.UtcNow.AddSeconds(120);
        while (consumed < events)
        {
            if (DateTime.UtcNow > pipeDeadline)
            {
                throw new TimeoutException($"pipe consumed only {consumed}");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            if (clock is null)
            {
                clock = Stopwatch.StartNew();
                meter = Meter.Start();
            }

            producer.Produce(output, new Message<byte[], byte[]> { Key = result.Message.Key, Value = result.Message.Value, Headers = result.Message.Headers, Timestamp = result.Message.Timestamp }, onDelivery);
            consumed++;
        }

        producer.Flush(TimeSpan.FromSeconds(60));
        var seconds = clock!.Elapsed.TotalSeconds;
        Print("pipe", events, seconds, meter.Stop(), events);
    }

    public async Task Topology(int events)
    {
        var (records, expectedUnique) = Activity(events);
        var topics = new TopicsOptions
        {
            Raw = Topic("raw", 6), Refined = Topic("refined", 6), Dlq = Topic("dlq", 6), Counts = Topic("counts", 6), OptOuts = Topic("optouts", 6),
        };
        Produce(topics.Raw, records);
        Console.WriteLine($"[{label}] raw bytes {records.Sum(r => r.Value.Length + r.Key.Length)} ({records.Average(r => r.Value.Length):F0} B/value), expected unique {expectedUnique}");
        var settings = new ActivityTopologySettings(topics, new WindowsOptions(), new DedupOptions());
        var topology = ActivityTopology.Build(settings, ActivityRefiner.Create(), CountKeyBuilder.For(CountDimension.Type, CountDimension.Path), new ActivityMetrics(),
            Aggregator.Topology.Reporting.ReportingSettings.Defaults(new WindowsOptions()));
        var appId = "act-" + Guid.NewGuid().ToString("N")[..8];
        var stateDir = Directory.CreateTempSubdirectory("probe-").FullName;
        var config = Config(appId, stateDir, "one");
        config.DeadLetterTopic = topics.Dlq;
        var streams = await StartAsync(topology, config, new Captured());
        var (seconds, meter) = await WaitProcessed(streams, t => t.Subtopology == 0, events, t => t.Subtopology == 2, expectedUnique, TimeSpan.FromSeconds(300));
        Print("topology", events, seconds, meter, Sent(streams));
        await streams.DisposeAsync();
        Directory.Delete(stateDir, true);
    }

    public async Task Count(int events, int keys)
    {
        var input = Topic("in", 4);
        var output = Topic("out", 4);
        var random = new Random(3);
        var start = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var records = Enumerable.Range(0, events).Select(i => ($"k{i % 97}", Encoding.UTF8.GetBytes($"v{random.Next(keys)}"))).ToList();
        var times = Enumerable.Range(0, events).Select(i => start + ((long)i * 30 * 60_000 / events) + random.Next(-5_000, 5_000)).ToArray();
        Produce(input, records, i => times[i]);
        var appId = "cnt-" + Guid.NewGuid().ToString("N")[..8];
        var stateDir = Directory.CreateTempSubdirectory("probe-").FullName;
        var topology = BuildCount(input, output);
        var streams = await StartAsync(topology, Config(appId, stateDir, "one"), new Captured());
        var (seconds, meter) = await WaitProcessed(streams, t => t.Subtopology == 0, events, t => t.Subtopology == 1, events, TimeSpan.FromSeconds(300));
        Print("count", events, seconds, meter, Sent(streams));
        await streams.DisposeAsync();

        // Restore: same application, local state lost.
        Directory.Delete(stateDir, true);
        Directory.CreateDirectory(stateDir);
        var log = new Captured();
        var restoring = await StartAsync(BuildCount(input, output), Config(appId, stateDir, "one"), log);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(300);
        var restoreMeter = default(Meter);
        var metered = false;
        while (DateTime.UtcNow < deadline && !(log.Completed >= 4 && log.Started == log.Completed))
        {
            if (!metered && log.Started > 0)
            {
                restoreMeter = Meter.Start();
                metered = true;
            }

            await Task.Delay(5);
        }

        var m = restoreMeter.Stop();
        var restored = restoring.RestoredRecords;
        var restoreSeconds = (log.LastCompleted - log.FirstStarted).TotalSeconds;
        Console.WriteLine($"[{label}] restore: {restored} records in {restoreSeconds:F2} s = {restored / restoreSeconds:F0} rec/s; cpu {m.Cpu:F2} s, stream-thread cpu {m.StreamCpu:F2} s, alloc {m.Alloc / (1 << 20)} MiB, gcs {m.Gcs}");
        await restoring.DisposeAsync();
        Directory.Delete(stateDir, true);
    }

    private static Aggregator.Streams.Topology.Topology BuildCount(string input, string output)
    {
        var windows = TimeWindows.OfSizeAndGrace(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)).AdvanceBy(TimeSpan.FromMinutes(1));
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<byte[], string>.With(S.ByteArray, S.String))
            .GroupBy((_, value) => value, Grouped<string, string>.With(S.String, S.String).WithName("by-value"))
            .WindowedBy(windows)
            .Count(Materialized<string, long>.As("hopping-counts"))
            .ToStream()
            .SelectKey((windowed, _) => $"{windowed.Key}@{windowed.Window.StartMs}")
            .To(output, Produced<string, long>.With(S.String, S.Long));
        return builder.Build();
    }

    private StreamsConfig Config(string appId, string stateDir, string instance) => new()
    {
        ApplicationId = appId,
        BootstrapServers = Bootstrap,
        InstanceId = instance,
        StateDirectory = stateDir,
        CommitInterval = TimeSpan.FromMilliseconds(int.Parse(Environment.GetEnvironmentVariable("PROBE_COMMIT_MS") ?? "1000")),
        NumStreamThreads = int.Parse(Environment.GetEnvironmentVariable("PROBE_THREADS") ?? "1"),
        SessionTimeout = TimeSpan.FromSeconds(10),
        HeartbeatInterval = TimeSpan.FromSeconds(2),
        ClientSettings = (Environment.GetEnvironmentVariable("PROBE_CLIENT") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]),
        ProducerLinger = Environment.GetEnvironmentVariable("PROBE_LINGER") is { } linger ? TimeSpan.FromMilliseconds(int.Parse(linger)) : new StreamsConfig().ProducerLinger,
    };

    private async Task<KafkaStreams> StartAsync(Aggregator.Streams.Topology.Topology topology, StreamsConfig config, Captured log)
    {
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        var admin = new EmbeddedTopicAdmin(cluster, new KafkaTopicAdmin(new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Bootstrap }).Build(), -1));
        var streams = new KafkaStreams(topology, config, loggerFactory, topicAdmin: admin);
        await streams.StartAsync(CancellationToken.None);
        return streams;
    }

    private static readonly FieldInfo ThreadsField = typeof(KafkaStreams).GetField("_threads", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo CollectorField = typeof(StreamThread).GetField("_collector", BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static IEnumerable<StreamTask> Tasks(KafkaStreams streams) =>
        ((List<StreamThread>)ThreadsField.GetValue(streams)!).SelectMany(t => t.PublishedTasks.Values);

    private static long Sent(KafkaStreams streams) =>
        ((List<StreamThread>)ThreadsField.GetValue(streams)!).Sum(t => ((Aggregator.Streams.Kafka.KafkaRecordCollector)CollectorField.GetValue(t)!).Sent);

    private static async Task<(double Seconds, Meter.Result Meter)> WaitProcessed(
        KafkaStreams streams, Func<Aggregator.Streams.Processors.TaskId, bool> first, long firstCount,
        Func<Aggregator.Streams.Processors.TaskId, bool> last, long lastCount, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Stopwatch? clock = null;
        var meter = default(Meter);
        long done = 0;
        while (DateTime.UtcNow < deadline)
        {
            var tasks = Tasks(streams).ToList();
            var started = tasks.Where(t => first(t.Id)).Sum(t => t.Context.Metrics.Processed);
            if (clock is null && started > 0)
            {
                clock = Stopwatch.StartNew();
                meter = Meter.Start();
            }

            done = tasks.Where(t => last(t.Id)).Sum(t => t.Context.Metrics.Processed + t.Context.Metrics.Skipped);
            if (done >= lastCount)
            {
                return (clock!.Elapsed.TotalSeconds, meter.Stop());
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"processed only {done} of {lastCount}");
    }

    private void Print(string what, int events, double seconds, Meter.Result m, long sent) =>
        Console.WriteLine($"[{label}] {what}: {events} events in {seconds:F2} s = {events / seconds:F0} ev/s; cpu {m.Cpu:F2} s ({m.Cpu * 1e6 / events:F1} µs/ev), stream-thread cpu {m.StreamCpu:F2} s ({m.StreamCpu * 1e6 / events:F1} µs/ev), " +
            $"alloc {m.Alloc / (1 << 20)} MiB ({m.Alloc / events} B/ev), gcs {m.Gcs}, sent {sent} ({(double)sent / events:F2}/ev)");
}

internal struct Meter
{
    private TimeSpan _cpu;
    private long _alloc;
    private int _gcs;
    private long _streamTicks;

    public static Meter Start() => new() { _cpu = Process.GetCurrentProcess().TotalProcessorTime, _alloc = GC.GetTotalAllocatedBytes(false), _gcs = GC.CollectionCount(0), _streamTicks = StreamThreadTicks() };

    public readonly Result Stop() => new((Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds, GC.GetTotalAllocatedBytes(false) - _alloc, GC.CollectionCount(0) - _gcs, (StreamThreadTicks() - _streamTicks) / 100.0);

    // utime+stime (clock ticks, 100/s) of threads whose name contains "StreamThread" (comm is cut at 15 chars: "<app>-<inst>-S...").
    private static long StreamThreadTicks()
    {
        long total = 0;
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var comm = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                if (!comm.EndsWith("-on", StringComparison.Ordinal) && !comm.EndsWith("-one", StringComparison.Ordinal) && !comm.Contains("-one-", StringComparison.Ordinal))
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                total += long.Parse(fields[11]) + long.Parse(fields[12]);
            }
            catch (IOException)
            {
            }
        }

        return total;
    }

    public readonly record struct Result(double Cpu, long Alloc, int Gcs, double StreamCpu);
}

internal sealed class Captured : ILoggerProvider, ILogger
{
    private int _started;
    private int _completed;

    public int Started => Volatile.Read(ref _started);

    public int Completed => Volatile.Read(ref _completed);

    public DateTime FirstStarted { get; private set; }

    public DateTime LastCompleted { get; private set; }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == 1030)
        {
            if (Interlocked.Increment(ref _started) == 1)
            {
                FirstStarted = DateTime.UtcNow;
            }
        }
        else if (eventId.Id == 1031)
        {
            LastCompleted = DateTime.UtcNow;
            Interlocked.Increment(ref _completed);
            if (Environment.GetEnvironmentVariable("PROBE_VERBOSE") == "1")
            {
                Console.WriteLine(formatter(state, exception));
            }
        }
        else if (logLevel >= LogLevel.Warning)
        {
            Console.Error.WriteLine($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
