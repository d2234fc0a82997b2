using Microsoft.Extensions.Logging;

namespace Aggregator.Streams.Runtime;

/// <summary>Source-generated log messages of the runtime (event ids 1000–1999).</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Skipping a record of {Topic}-{Partition}@{Offset}: its {Part} could not be deserialized ({Error}: {Message}). Occurrences of this kind so far: {Count}")]
    public static partial void DeserializationFailed(ILogger logger, string topic, int partition, long offset, string part, string error, string message, long count);

    [LoggerMessage(1002, LogLevel.Warning, "Skipping a record of {Topic}-{Partition}@{Offset}: invalid timestamp {Timestamp}")]
    public static partial void InvalidTimestamp(ILogger logger, string topic, int partition, long offset, long timestamp);

    [LoggerMessage(1003, LogLevel.Debug, "Task {TaskId} dropped a late record of {Topic}-{Partition}@{Offset} at {Timestamp}: every window it belongs to closed before stream time {StreamTime}")]
    public static partial void LateRecordDropped(ILogger logger, string taskId, string? topic, int partition, long offset, long timestamp, long streamTime);
}
