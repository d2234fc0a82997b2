using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Aggregator.Streams.Errors;

/// <summary>
/// Headers of a dead-letter record: why it was rejected and where it came from. The record's key and value
/// bytes are kept exactly as consumed, so it can be inspected and replayed.
/// </summary>
public static class DeadLetterHeaders
{
    public const string Reason = "dlq.reason";
    public const string Detail = "dlq.detail";
    public const string SourceTopic = "dlq.source.topic";
    public const string SourcePartition = "dlq.source.partition";
    public const string SourceOffset = "dlq.source.offset";
    public const string Time = "dlq.time";

    public static Headers Create(string reason, string detail, string topic, int partition, long offset, DateTimeOffset time) => new()
    {
        { Reason, Encoding.UTF8.GetBytes(reason) },
        { Detail, Encoding.UTF8.GetBytes(detail) },
        { SourceTopic, Encoding.UTF8.GetBytes(topic) },
        { SourcePartition, Encoding.UTF8.GetBytes(partition.ToString(CultureInfo.InvariantCulture)) },
        { SourceOffset, Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture)) },
        { Time, Encoding.UTF8.GetBytes(time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)) },
    };
}
