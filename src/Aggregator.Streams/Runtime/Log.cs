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

    [LoggerMessage(1010, LogLevel.Information, "{Thread} started: subscribed to {TopicCount} topics ({Assignor} assignment)")]
    public static partial void ThreadStarted(ILogger logger, string thread, int topicCount, string assignor);

    [LoggerMessage(1011, LogLevel.Error, "{Thread} failed and stopped: {Reason}")]
    public static partial void ThreadFailed(ILogger logger, string thread, string reason, Exception exception);

    [LoggerMessage(1012, LogLevel.Information, "{Thread} stopping: committing and closing {TaskCount} tasks")]
    public static partial void ThreadStopping(ILogger logger, string thread, int taskCount);

    [LoggerMessage(1013, LogLevel.Information, "{Thread} stopped: offsets committed, group left, producer flushed")]
    public static partial void ThreadStopped(ILogger logger, string thread);

    [LoggerMessage(1014, LogLevel.Warning, "{Thread} could not clean up after failing: {Reason}")]
    public static partial void ThreadCleanupFailed(ILogger logger, string thread, string reason);

    [LoggerMessage(1015, LogLevel.Warning, "{Thread} consume error (retrying): {Reason}")]
    public static partial void ConsumeError(ILogger logger, string thread, string reason);

    [LoggerMessage(1016, LogLevel.Critical, "Kafka client {Client} hit a fatal error {Code}: {Reason}")]
    public static partial void FatalClientError(ILogger logger, string client, string code, string reason);

    [LoggerMessage(1017, LogLevel.Warning, "Kafka client {Client}: {Code} {Reason} (transient; retrying)")]
    public static partial void TransientClientError(ILogger logger, string client, string code, string reason);

    [LoggerMessage(1018, LogLevel.Debug, "librdkafka {Client} [{Facility}] {Message}")]
    public static partial void ClientLog(ILogger logger, string client, string facility, string message);

    [LoggerMessage(1020, LogLevel.Information, "{Thread} assigned {Count} partitions: {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, string thread, int count, string partitions);

    [LoggerMessage(1021, LogLevel.Information, "{Thread} revoked {Count} partitions: committing and closing {TaskCount} tasks")]
    public static partial void PartitionsRevoked(ILogger logger, string thread, int count, int taskCount);

    [LoggerMessage(1022, LogLevel.Warning, "{Thread} lost {Count} partitions (session expired?): closing their tasks without committing")]
    public static partial void PartitionsLost(ILogger logger, string thread, int count);

    [LoggerMessage(1030, LogLevel.Information, "Task {TaskId} restoring {StoreCount} stores from their changelogs ({Records} records to read)")]
    public static partial void RestoreStarted(ILogger logger, string taskId, int storeCount, long records);

    [LoggerMessage(1031, LogLevel.Information, "Task {TaskId} restored {Restored} updates ({Discarded} from unfinished batches discarded) in {Seconds:F2} s ({Rate:F0}/s)")]
    public static partial void RestoreCompleted(ILogger logger, string taskId, long restored, long discarded, double seconds, double rate);

    [LoggerMessage(1032, LogLevel.Warning, "Task {TaskId}: changelog {Topic} holds offsets [{Low}, {High}) but local state expects {Expected}: wiping local state and restoring from the changelog")]
    public static partial void ChangelogMismatch(ILogger logger, string taskId, string topic, long expected, long low, long high);

    [LoggerMessage(1040, LogLevel.Warning, "{Thread} commit failed: {Reason}")]
    public static partial void CommitFailed(ILogger logger, string thread, string reason);

    [LoggerMessage(1041, LogLevel.Error, "{Thread} could not write a commit ({Reason}); rewinding {TaskCount} tasks to their last checkpoint and retrying")]
    public static partial void CommitRewinding(ILogger logger, string thread, string reason, int taskCount);

    [LoggerMessage(1042, LogLevel.Warning, "{Thread} could not commit group offsets ({Reason}); state checkpoints are unaffected")]
    public static partial void OffsetCommitFailed(ILogger logger, string thread, string reason);

    [LoggerMessage(1050, LogLevel.Information, "Loaded {TableCount} global tables to the end of their topics: {Records} records, {Entries} entries")]
    public static partial void GlobalTablesLoaded(ILogger logger, int tableCount, long records, long entries);

    [LoggerMessage(1060, LogLevel.Information, "Streams instance {ApplicationId}/{InstanceId}: {From} -> {To}")]
    public static partial void StateChanged(ILogger logger, string applicationId, string instanceId, StreamsState from, StreamsState to);

    [LoggerMessage(1061, LogLevel.Information, "Creating internal topics: {Topics}")]
    public static partial void CreatingTopics(ILogger logger, string topics);

    [LoggerMessage(1062, LogLevel.Warning, "Kafka at {BootstrapServers} not reachable yet ({Reason}); retrying")]
    public static partial void WaitingForKafka(ILogger logger, string bootstrapServers, string reason);

    [LoggerMessage(1019, LogLevel.Warning, "{Thread} aborted at the shutdown deadline before its last commit was acknowledged; that work will be replayed")]
    public static partial void ThreadAborted(ILogger logger, string thread);
}
