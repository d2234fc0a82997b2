using Aggregator.Streams.Processors;
using Aggregator.Streams.State;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// Everything the nodes of one task share: identity, the record being processed, stream time,
/// stores, punctuation, output. Owned by a single stream thread, so nothing here is synchronised.
/// </summary>
internal sealed class TaskContext(
    string applicationId,
    TaskId taskId,
    TimeProvider time,
    IRecordCollector collector,
    TaskMetrics metrics,
    DeserializationErrorHandler deserializationErrors,
    ILogger logger)
{
    private static readonly Headers NoHeaders = [];
    private readonly Dictionary<string, IStateStore> _stores = new(StringComparer.Ordinal);

    public string ApplicationId { get; } = applicationId;

    public TaskId TaskId { get; } = taskId;

    public TimeProvider Time { get; } = time;

    public IRecordCollector Collector { get; } = collector;

    public TaskMetrics Metrics { get; } = metrics;

    public ILogger Logger { get; } = logger;

    public PunctuationScheduler Punctuation { get; } = new();

    /// <summary>The largest timestamp of any record this task processed; -1 before the first.</summary>
    public long StreamTime { get; set; } = -1;

    public bool CommitRequested { get; set; }

    // The record being processed. Kept as fields, not a RecordMetadata object, so the per-record path
    // allocates nothing; RecordMetadata is materialised only when a processor asks for it.
    public string? CurrentTopic { get; private set; }

    public int CurrentPartition { get; private set; } = -1;

    public long CurrentOffset { get; private set; } = -1;

    public uint CurrentTopicHash { get; private set; }

    public Headers CurrentHeaders { get; private set; } = NoHeaders;

    /// <summary>
    /// How many records this task has sent to repartition topics for the current input record: together with
    /// the input's coordinates it identifies each output, so downstream tasks recognise replays.
    /// </summary>
    public int FanOutSequence { get; set; }

    public RecordMetadata? RecordMetadata => CurrentTopic is null ? null : new RecordMetadata(CurrentTopic, CurrentPartition, CurrentOffset);

    public long WallClockMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public void SetCurrentRecord(string topic, uint topicHash, int partition, long offset, Headers? headers)
    {
        CurrentTopic = topic;
        CurrentTopicHash = topicHash;
        CurrentPartition = partition;
        CurrentOffset = offset;
        CurrentHeaders = headers ?? NoHeaders;
        FanOutSequence = 0;
    }

    public void ClearCurrentRecord()
    {
        CurrentTopic = null;
        CurrentPartition = -1;
        CurrentOffset = -1;
        CurrentHeaders = NoHeaders;
    }

    public void HandleDeserializationError(in RawRecord record, bool isKey, Exception error)
    {
        Metrics.RecordSkipped();
        deserializationErrors.Handle(record, isKey, error, Collector);
    }

    public void HandleInvalidTimestamp(in RawRecord record, long timestamp)
    {
        Metrics.RecordSkipped();
        Log.InvalidTimestamp(Logger, record.Topic, record.Partition, record.Offset, timestamp);
    }

    public void RegisterStore(IStateStore store) => _stores[store.Name] = store;

    public TStore GetStore<TStore>(string name) where TStore : class, IStateStore
    {
        if (!_stores.TryGetValue(name, out var store))
        {
            throw new InvalidOperationException(
                $"Task {TaskId} has no state store '{name}'. Connect it to the processor (Process(..., \"{name}\")) or add it with AddStateStore.");
        }

        return store as TStore ?? throw new InvalidOperationException(
            $"State store '{name}' is a {store.GetType().Name}, not a {typeof(TStore).Name}.");
    }
}
