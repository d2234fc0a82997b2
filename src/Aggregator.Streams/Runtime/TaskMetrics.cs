namespace Aggregator.Streams.Runtime;

/// <summary>
/// Per-task counters, written only by the owning stream thread and read (racily but safely: 64-bit
/// reads on 64-bit platforms) by observable instruments, so the per-record path pays no metric cost.
/// </summary>
internal sealed class TaskMetrics
{
    private long _processed;
    private long _lateRecordsDropped;
    private long _lateWindowUpdatesDropped;
    private long _skipped;
    private long _replaysSkipped;

    public long Processed => Volatile.Read(ref _processed);

    /// <summary>Records dropped because every window they belong to had closed (past grace).</summary>
    public long LateRecordsDropped => Volatile.Read(ref _lateRecordsDropped);

    /// <summary>Single window updates dropped because that window had closed.</summary>
    public long LateWindowUpdatesDropped => Volatile.Read(ref _lateWindowUpdatesDropped);

    /// <summary>Records skipped: undeserializable, negative timestamps, null keys before grouping.</summary>
    public long Skipped => Volatile.Read(ref _skipped);

    /// <summary>Repartition records recognised as replays of already-counted upstream input.</summary>
    public long ReplaysSkipped => Volatile.Read(ref _replaysSkipped);

    public void RecordProcessed() => Volatile.Write(ref _processed, _processed + 1);

    public void RecordLateRecordDropped() => Volatile.Write(ref _lateRecordsDropped, _lateRecordsDropped + 1);

    public void RecordLateWindowUpdateDropped() => Volatile.Write(ref _lateWindowUpdatesDropped, _lateWindowUpdatesDropped + 1);

    public void RecordSkipped() => Volatile.Write(ref _skipped, _skipped + 1);

    public void RecordReplaySkipped() => Volatile.Write(ref _replaysSkipped, _replaysSkipped + 1);
}
