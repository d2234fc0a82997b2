using Streamiz.Kafka.Net.Processors.Public;

namespace Aggregator.Topology;

/// <summary>
/// The counting sub-topology's first processor: passes partial counts on (not empty ones: a progress marker left on the
/// topic by a version before pre-aggregation reads as 0, <see cref="Serdes.PartialCountSerDes"/>) and tells the metrics
/// that this instance counts the task's partition (the readiness check counts tasks; <c>GET /counts</c> answers only for
/// partitions counted here). Lateness was judged before the partial was made (<see cref="PreAggregator"/>).
/// </summary>
internal sealed class CountingTask(StreamsMetrics streams) : ITransformer<string, long, string, long>
{
    private string _task = string.Empty;
    private int _partition;

    public void Init(ProcessorContext<string, long> context)
    {
        _task = context.Id.ToString();
        streams.TaskStarted(_task);
        _partition = context.Id.Partition;
        streams.CountingPartitionStarted(_partition);
    }

    public Record<string, long> Process(Record<string, long> record)
    {
        streams.RecordProcessed(_task);
        return record.Value == 0 ? null! : record;
    }

    public void Close()
    {
        streams.CountingPartitionClosed(_partition);
        streams.TaskClosed(_task);
    }
}
