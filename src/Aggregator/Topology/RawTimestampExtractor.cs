using Confluent.Kafka;
using Streamiz.Kafka.Net.Processors;

namespace Aggregator.Topology;

/// <summary>
/// The raw topic's timestamps only order records before refining (which stamps event time): a record without a valid
/// one takes its partition's time instead of failing the task (Streamiz's default extractor throws) — it is refined or
/// dead-lettered like any other.
/// </summary>
internal sealed class RawTimestampExtractor : ITimestampExtractor
{
    public long Extract(ConsumeResult<object, object> record, long partitionTime)
    {
        var timestamp = record.Message.Timestamp.UnixTimestampMs;
        return timestamp >= 0 ? timestamp : Math.Max(partitionTime, 0);
    }
}
