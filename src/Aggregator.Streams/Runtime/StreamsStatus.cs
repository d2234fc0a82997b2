namespace Aggregator.Streams.Runtime;

/// <summary>A point-in-time view of an instance, for health checks, metrics, logs and dashboards.</summary>
public sealed record StreamsStatus(
    StreamsState State,
    IReadOnlyList<TaskStatus> Tasks,
    IReadOnlyList<PartitionLag> Lag,
    long GlobalRecordsLoaded)
{
    public static StreamsStatus Empty { get; } = new(StreamsState.Created, [], [], 0);

    public int RestoringTasks => Tasks.Count(t => t.Phase == TaskPhase.Restoring);

    public long MaxLag => Lag.Count == 0 ? 0 : Lag.Max(l => l.Lag);
}

public enum TaskPhase
{
    Restoring,
    Running,
}

/// <summary>One task: progress counters and, while restoring, how far it got.</summary>
public sealed record TaskStatus(
    string TaskId,
    int Thread,
    TaskPhase Phase,
    long Processed,
    long LateRecordsDropped,
    long LateWindowUpdatesDropped,
    long Skipped,
    long ReplaysSkipped,
    long StreamTime,
    IReadOnlyList<StoreRestoreStatus> Restores,
    IReadOnlyList<StoreCacheStatus> Stores);

public sealed record StoreRestoreStatus(string Store, string Changelog, int Partition, long Restored, long Remaining, long Discarded);

public sealed record StoreCacheStatus(string Store, int CachedEntries, int DirtyEntries);

/// <summary>Consumer lag of one source partition owned by this instance: log end minus position.</summary>
public sealed record PartitionLag(string Topic, int Partition, long Lag);
