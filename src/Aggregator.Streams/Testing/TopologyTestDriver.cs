using Aggregator.Streams.Processors;
using Aggregator.Streams.Runtime;
using Aggregator.Streams.State;
using Aggregator.Streams.State.InMemory;
using Aggregator.Streams.State.Internal;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aggregator.Streams.Testing;

/// <summary>
/// Runs a topology synchronously, without a broker: pipe records with timestamps into input topics, read
/// output topics, inspect stores, advance wall-clock time. Every topic has one partition; each piped record is
/// processed, then the tasks commit (so cached tables emit) and records written to repartition topics are
/// fed to their readers, before the call returns. The tasks, stores and commit protocol are the runtime's own.
/// </summary>
public sealed class TopologyTestDriver : IDisposable
{
    private readonly TopologyTestDriverOptions _options;
    private readonly ManualTimeProvider _time;
    private readonly CapturingRecordCollector _collector = new();
    private readonly List<StreamTask> _tasks = [];
    private readonly Dictionary<string, StreamTask> _taskByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IGlobalStore> _globalByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inputOffsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _internalRead = new(StringComparer.Ordinal);
    private readonly DeserializationErrorHandler _errors;
    private readonly ILogger _logger;

    public TopologyTestDriver(Topology.Topology topology, TopologyTestDriverOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? new TopologyTestDriverOptions();
        _time = new ManualTimeProvider(_options.InitialWallClock);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Aggregator.Streams.Testing");
        _errors = new DeserializationErrorHandler(_options.DeserializationErrors, _options.DeadLetterTopic, _time, _logger);

        var globals = topology.GlobalStores.Select(g => (g.Topic, Store: g.Create())).ToList();
        foreach (var (topic, store) in globals)
        {
            _globalByTopic[topic] = store;
        }

        // Persistent stores run in memory here: the driver tests topology logic, not the storage engine.
        var engine = new InMemoryStorageEngine();
        var wiring = Topology.TaskWiring.SinglePartition(topology, _options.ApplicationId);
        foreach (var subtopology in topology.Subtopologies)
        {
            var id = new TaskId(subtopology.Id, 0);
            var context = new TaskContext(_options.ApplicationId, id, _time, _collector, new TaskMetrics(), _errors, _logger)
            {
                Watermarks = new WatermarkTracker(long.MaxValue),
                RepartitionTargets = wiring.RepartitionTargets(subtopology.Id),
            UpstreamWriters = wiring.UpstreamWriters(subtopology.Id),
                CoarseNowMs = NowMs,
            };
            foreach (var (_, store) in globals)
            {
                context.RegisterStore(store);
            }

            var stores = subtopology.Stores.Select(s => s.Build(_options.CacheMaxEntries)).ToList();
            var state = new TaskStateManager(id, stores, _ => engine, _collector, _options.ApplicationId);
            var task = new StreamTask(id, subtopology, context, state, wiring.UpstreamWriters(subtopology.Id));
            task.Initialize(state.Committed);
            _tasks.Add(task);
            foreach (var topic in task.SourceTopics)
            {
                _taskByTopic[topic] = task;
            }
        }
    }

    /// <summary>The driver's wall clock.</summary>
    public TimeProvider TimeProvider => _time;

    public TestInputTopic<TKey, TValue> CreateInputTopic<TKey, TValue>(string topic, Serdes.ISerde<TKey> keySerde, Serdes.ISerde<TValue> valueSerde) =>
        new(this, topic, keySerde, valueSerde);

    public TestOutputTopic<TKey, TValue> CreateOutputTopic<TKey, TValue>(string topic, Serdes.ISerde<TKey> keySerde, Serdes.ISerde<TValue> valueSerde) =>
        new(this, topic, keySerde, valueSerde);

    /// <summary>Pipes raw bytes (e.g. malformed input) into a topic.</summary>
    public void PipeRaw(string topic, byte[]? key, byte[]? value, long timestampMs, Headers? headers = null)
    {
        var offset = _inputOffsets.GetValueOrDefault(topic);
        _inputOffsets[topic] = offset + 1;
        var record = new RawRecord(topic, 0, offset, timestampMs, key, value, headers);
        if (_globalByTopic.TryGetValue(topic, out var global))
        {
            global.Apply(record, _errors);
            return;
        }

        if (!_taskByTopic.TryGetValue(topic, out var task))
        {
            throw new InvalidOperationException($"No source of the topology reads '{topic}'.");
        }

        SetClock();
        task.Process(record);
        CommitAndFeedInternalTopics();
    }

    /// <summary>Moves the wall clock, fires due wall-clock punctuators, then commits.</summary>
    public void AdvanceWallClockTime(TimeSpan by)
    {
        _time.Advance(by);
        SetClock();
        foreach (var task in _tasks)
        {
            task.PunctuateWallClock(NowMs);
        }

        CommitAndFeedInternalTopics();
    }

    public IKeyValueStore<TKey, TValue> GetKeyValueStore<TKey, TValue>(string name) where TKey : notnull =>
        GetStateStore<IKeyValueStore<TKey, TValue>>(name);

    public IWindowStore<TKey, TValue> GetWindowStore<TKey, TValue>(string name) where TKey : notnull =>
        GetStateStore<IWindowStore<TKey, TValue>>(name);

    public TStore GetStateStore<TStore>(string name) where TStore : class, IStateStore
    {
        foreach (var global in _globalByTopic.Values)
        {
            if (global.Name == name)
            {
                return global as TStore ?? throw new InvalidOperationException($"Store '{name}' is not a {typeof(TStore).Name}.");
            }
        }

        foreach (var task in _tasks)
        {
            var store = task.State.Stores.FirstOrDefault(s => s.Name == name);
            if (store is not null)
            {
                return store as TStore ?? throw new InvalidOperationException($"Store '{name}' is a {store.GetType().Name}, not a {typeof(TStore).Name}.");
            }
        }

        throw new InvalidOperationException($"The topology has no store named '{name}'.");
    }

    /// <summary>Records skipped by task (deserialization failures, invalid timestamps, null grouping keys).</summary>
    public long SkippedRecords => _tasks.Sum(t => t.Context.Metrics.Skipped);

    /// <summary>Records dropped as late (every window they belong to had closed).</summary>
    public long LateRecordsDropped => _tasks.Sum(t => t.Context.Metrics.LateRecordsDropped);

    internal IReadOnlyList<CapturedRecord> Output(string topic) => _collector.Log(topic);

    public void Dispose()
    {
        foreach (var task in _tasks)
        {
            task.Dispose();
        }
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void SetClock()
    {
        foreach (var task in _tasks)
        {
            task.Context.CoarseNowMs = NowMs;
        }
    }

    private void CommitAndFeedInternalTopics()
    {
        // Heartbeats once per input (not per feed round, which would never end): readers learn writers' progress.
        foreach (var task in _tasks)
        {
            task.SendHeartbeats();
        }

        while (true)
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            TaskCommitter.Commit(_tasks, _collector, now, CancellationToken.None);
            var fed = false;
            foreach (var topic in _collector.Topics.ToList())
            {
                if (!_taskByTopic.TryGetValue(topic, out var reader))
                {
                    continue;
                }

                var log = _collector.Log(topic);
                var read = _internalRead.GetValueOrDefault(topic);
                for (; read < log.Count; read++)
                {
                    var captured = log[read];
                    _internalRead[topic] = read + 1;
                    reader.Process(new RawRecord(topic, 0, captured.Offset, captured.Timestamp, captured.Key, captured.Value, captured.Headers));
                    fed = true;
                }
            }

            if (!fed)
            {
                return;
            }
        }
    }
}
