using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Topology;

/// <summary>
/// Judges lateness before the window count, against stream time kept in a store with a changelog. Streamiz's windowed
/// aggregation keeps its stream time in memory only (KStreamWindowAggregateProcessor.observedStreamTime), so a restarted
/// task would take a 12-hour-old event as the first thing it reads and count it into long-closed windows; here it is
/// dropped and counted as late. Stream time is the largest event time this task has seen (Kafka Streams' definition).
/// </summary>
internal sealed class LatenessJudge(HoppingWindows windows, StreamsMetrics streams) : ITransformer<string, CountedEvent, string, JudgedEvent>
{
    public const string StoreName = "counts-stream-time";
    private const string Key = "stream-time";
    private IKeyValueStore<string, long> _store = null!;
    private string _task = string.Empty;
    private long? _streamTime;
    private int _partition;

    public void Init(ProcessorContext<string, JudgedEvent> context)
    {
        _store = (IKeyValueStore<string, long>)context.GetStateStore(StoreName);
        // Not read here: Streamiz 1.8 calls Init when it creates the task (TaskManager.CreateTasks), before the store is
        // restored from its changelog, so a cold start (empty state directory) would read 0 and forget its stream time.
        // Process runs only once the task is restored.
        _streamTime = null;
        _task = context.Id.ToString();
        streams.TaskStarted(_task);
        _partition = context.Id.Partition;
        streams.CountingPartitionStarted(_partition);
    }

    public Record<string, JudgedEvent> Process(Record<string, CountedEvent> record)
    {
        streams.RecordProcessed(_task);
        var timestamp = record.Timestamp.UnixTimestampMs;
        var streamTime = _streamTime ??= _store.Get(Key);
        var late = windows.IsLate(timestamp, streamTime);
        if (late)
        {
            streams.RecordLateDropped(_task);
        }
        else if (timestamp > streamTime)
        {
            _streamTime = streamTime = timestamp;
            _store.Put(Key, timestamp);
        }

        return Record<string, JudgedEvent>.Create(record.Key, new JudgedEvent(record.Value, late, streamTime));
    }

    public void Close()
    {
        streams.CountingPartitionClosed(_partition);
        streams.TaskClosed(_task);
    }
}
