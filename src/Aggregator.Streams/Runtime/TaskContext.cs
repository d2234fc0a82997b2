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

    /// <summary>Event-time progress of the task's inputs (see <see cref="WatermarkTracker"/>).</summary>
    public WatermarkTracker Watermarks { get; init; } = new(long.MaxValue);

    /// <summary>The task's stream time: its watermark; -1 before any input progressed.</summary>
    public long StreamTime => Watermarks.Watermark;

    /// <summary>Largest timestamp this task has sent to a repartition topic; -1 before the first.</summary>
    public long SentWatermark { get; set; } = -1;

    /// <summary>
    /// The progress this task announces to readers of its repartition topics: how far its output has got, but
    /// never beyond its own inputs' watermark. Output time, because processors may re-stamp records (the raw
    /// topic's broker time becomes the event's own time); bounded by the input watermark, so a slow upstream
    /// of this task holds back the tasks after it too.
    /// </summary>
    public long AnnouncedWatermark => SentWatermark < 0 ? -1 : Math.Min(StreamTime, SentWatermark);

    /// <summary>See <see cref="StreamsConfig.InputIdleTimeout"/>.</summary>
    public long IdleTimeoutMs { get; init; } = long.MaxValue;

    /// <summary>Wall-clock time sampled once per loop iteration by the owning thread (cheap per-record reads).</summary>
    public long CoarseNowMs { get; set; }

    /// <summary>True while the record being processed came from a repartition topic (its time is the writer's business).</summary>
    public bool CurrentIsRepartition { get; set; }

    /// <summary>Repartition topics (resolved names) this task writes, with their partition counts: heartbeat targets.</summary>
    public IReadOnlyDictionary<string, int> RepartitionTargets { get; init; } = new Dictionary<string, int>();

    /// <summary>Resolved repartition topic → (writer sub-topology, its task count), for the topics this task reads.</summary>
    public IReadOnlyDictionary<string, (int Subtopology, int Tasks)> UpstreamWriters { get; init; } = new Dictionary<string, (int Subtopology, int Tasks)>();

    public int UpstreamTaskCount(string repartitionName) =>
        UpstreamWriters.TryGetValue(InternalTopicNames.Repartition(ApplicationId, repartitionName), out var writer) ? writer.Tasks : 0;

    /// <summary>Called by sources with each record's event time; external partitions advance the watermark.</summary>
    public void ObserveSourceTimestamp(long timestamp)
    {
        if (!CurrentIsRepartition && CurrentTopic is not null)
        {
            Watermarks.ObservePartition(CurrentTopic, CurrentPartition, timestamp, CoarseNowMs);
        }
    }

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
