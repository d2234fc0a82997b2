using Aggregator.Topology;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streamiz.Kafka.Net;

namespace Aggregator.Hosting.Streams;

/// <summary>
/// Streamiz's deserialization handler: a record that cannot be read (a malformed opt-out, a corrupt internal record) is
/// logged by position, counted (<c>aggregator.streams.records.skipped</c>) and skipped.
/// </summary>
/// <remarks>
/// Streamiz's default answer is FAIL. On the global opt-out table that throws out of the global stream thread's loop,
/// an unhandled exception on a plain thread, which kills the process; the restarted process reads the same record
/// again, so one malformed record on <c>privacy.optouts</c> would stop the service for good. The raw topic is read as
/// bytes and never fails here: its bad records go to the DLQ.
/// </remarks>
internal sealed class UndeserializableRecords(StreamsMetrics metrics, ILogger logger)
{
    public ExceptionHandlerResponse Skip(ProcessorContext? context, ConsumeResult<byte[], byte[]> record, Exception exception)
    {
        var task = context?.Id?.ToString() ?? "global";
        metrics.RecordSkipped(task);
        // Position and error only: the content may be personal data.
        Log.SkippedUndeserializable(logger, record.Topic, record.Partition.Value, record.Offset.Value, exception.Message);
        return ExceptionHandlerResponse.CONTINUE;
    }
}
