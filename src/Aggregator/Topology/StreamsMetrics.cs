using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Aggregator.Topology;

/// <summary>
/// The stream-processing instruments on the "Aggregator.Streams" meter (names in docs/metrics.md): what the topology's
/// own processors and the host observe of Streamiz. Thread-safe: stream threads record concurrently. Totals are kept
/// for the status line.
/// </summary>
internal sealed class StreamsMetrics : IDisposable
{
    public const string MeterName = "Aggregator.Streams";
    private readonly Meter _meter;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _lateDropped;
    private readonly Counter<long> _skipped;

    private readonly ConcurrentDictionary<(string Topic, int Partition), long> _lag = new();
    private readonly ConcurrentDictionary<(string Task, string Store), long> _restoreRemaining = new();
    private long _processedTotal;
    private long _lateTotal;
    private long _restoredTotal;
    private long _globalLoadedTotal;
    private readonly ConcurrentDictionary<string, byte> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, byte> _countingPartitions = new();
    private int _state;

    public StreamsMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _processed = _meter.CreateCounter<long>("aggregator.streams.records.processed", description: "Records processed by the first processor of each sub-topology, by task.");
        _lateDropped = _meter.CreateCounter<long>("aggregator.streams.records.late_dropped", description: "Events dropped from the counts because every window containing them had closed.");
        _skipped = _meter.CreateCounter<long>("aggregator.streams.records.skipped", description: "Records that could not be deserialized (a malformed opt-out, a corrupt internal record), logged by position and skipped; task \"global\" for the opt-out table.");
        // Observed from running totals, so they are exported from the start (a plain counter shows only once measured).
        _meter.CreateObservableCounter("aggregator.streams.global.records_loaded", () => Interlocked.Read(ref _globalLoadedTotal), description: "Records of the global opt-out table read and applied while running.");
        _meter.CreateObservableCounter("aggregator.streams.restore.records", () => Interlocked.Read(ref _restoredTotal), description: "Changelog records restored into state stores.");
        _meter.CreateObservableGauge("aggregator.streams.restore.remaining", () => _restoreRemaining.Select(r => new Measurement<long>(r.Value,
            new KeyValuePair<string, object?>("task", r.Key.Task), new KeyValuePair<string, object?>("store", r.Key.Store))),
            description: "Changelog records still to restore, by task and store.");
        _meter.CreateObservableGauge("aggregator.streams.tasks.restoring", () => _restoreRemaining.Keys.Select(k => k.Task).Distinct().Count(), description: "Tasks restoring their state.");
        _meter.CreateObservableGauge("aggregator.streams.tasks.running", () => _tasks.Count, description: "Tasks assigned to this instance and processing.");
        _meter.CreateObservableGauge("aggregator.streams.consumer.lag", () => _lag.Select(l => new Measurement<long>(l.Value,
            new KeyValuePair<string, object?>("topic", l.Key.Topic), new KeyValuePair<string, object?>("partition", l.Key.Partition))),
            description: "The consumer group's lag per source partition (log end offset minus committed offset).");
        _meter.CreateObservableGauge("aggregator.streams.state", () => Volatile.Read(ref _state), description: "Instance state: 0 created, 1 rebalancing, 2 running, 3 pending shutdown, 4 not running, 5 error.");
    }

    public long Processed => Interlocked.Read(ref _processedTotal);

    public long LateDropped => Interlocked.Read(ref _lateTotal);

    public long Restored => Interlocked.Read(ref _restoredTotal);

    public void RecordProcessed(string task)
    {
        Interlocked.Increment(ref _processedTotal);
        _processed.Add(1, new KeyValuePair<string, object?>("task", task));
    }

    public void RecordLateDropped(string task, long count = 1)
    {
        Interlocked.Add(ref _lateTotal, count);
        _lateDropped.Add(count, new KeyValuePair<string, object?>("task", task));
    }

    public void RecordSkipped(string task) => _skipped.Add(1, new KeyValuePair<string, object?>("task", task));

    public void RecordGlobalLoaded() => Interlocked.Increment(ref _globalLoadedTotal);

    public void RecordRestored(long records)
    {
        Interlocked.Add(ref _restoredTotal, records);
    }

    public void SetRestoreRemaining(string task, string store, long? remaining)
    {
        if (remaining is { } value)
        {
            _restoreRemaining[(task, store)] = value;
        }
        else
        {
            _restoreRemaining.TryRemove((task, store), out _);
        }
    }

    public void SetLag(string topic, int partition, long lag) => _lag[(topic, partition)] = lag;

    public void SetState(int ordinal) => Volatile.Write(ref _state, ordinal);

    public int TasksRunning => _tasks.Count;

    /// <summary>The tasks assigned to this instance, as Streamiz names them ("subtopology-partition").</summary>
    public IReadOnlyCollection<string> Tasks => [.. _tasks.Keys];

    /// <summary>
    /// A task's first processor was initialised. Streamiz 1.8 does that when it creates the task, before its stores are
    /// restored (TaskManager.CreateTasks), so this also counts tasks that are still to restore.
    /// </summary>
    public void TaskStarted(string task)
    {
        _tasks[task] = 0;
        _processed.Add(0, new KeyValuePair<string, object?>("task", task)); // exported from zero: "nothing reprocessed" shows
    }

    public void TaskClosed(string task) => _tasks.TryRemove(task, out _);

    /// <summary>Whether this instance counts partition <paramref name="partition"/> now (its window store is queryable here).</summary>
    public bool CountsPartition(int partition) => _countingPartitions.ContainsKey(partition);

    public void CountingPartitionStarted(int partition) => _countingPartitions[partition] = 0;

    public void CountingPartitionClosed(int partition) => _countingPartitions.TryRemove(partition, out _);

    public void Dispose() => _meter.Dispose();
}
