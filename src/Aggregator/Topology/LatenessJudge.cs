using Streamiz.Kafka.Net.Processors.Public;

namespace Aggregator.Topology;

/// <summary>
/// Judges lateness before the window count: an event is late when every window containing it had closed (end plus
/// grace) at its raw partition's stream time, which it carries from the refine stage (<see cref="SourceStreamTime"/>:
/// persisted, so a 12-hour-old event is late even when it is the first thing a restarted instance reads; and judged
/// per raw partition, so the order in which the repartition topics interleave upstream tasks does not matter).
/// Late events are dropped from the counts and counted as late.
/// </summary>
internal sealed class LatenessJudge(HoppingWindows windows, StreamsMetrics streams) : ITransformer<string, CountedEvent, string, JudgedEvent>
{
    private string _task = string.Empty;
    private int _partition;

    public void Init(ProcessorContext<string, JudgedEvent> context)
    {
        _task = context.Id.ToString();
        streams.TaskStarted(_task);
        _partition = context.Id.Partition;
        streams.CountingPartitionStarted(_partition);
        streams.RecordLateDropped(_task, 0); // exported from zero for each counting task
    }

    public Record<string, JudgedEvent> Process(Record<string, CountedEvent> record)
    {
        if (record.Value.IsMarker)
        {
            return Record<string, JudgedEvent>.Create(record.Key, new JudgedEvent(record.Value, false, record.Value.SourceStreamTime));
        }

        streams.RecordProcessed(_task);
        var streamTime = record.Value.SourceStreamTime;
        var late = windows.IsLate(record.Timestamp.UnixTimestampMs, streamTime);
        if (late)
        {
            streams.RecordLateDropped(_task);
        }

        return Record<string, JudgedEvent>.Create(record.Key, new JudgedEvent(record.Value, late, streamTime));
    }

    public void Close()
    {
        streams.CountingPartitionClosed(_partition);
        streams.TaskClosed(_task);
    }
}
