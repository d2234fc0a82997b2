using Aggregator.Streams.Runtime;
using Confluent.Kafka;

namespace Aggregator.Streams.State.Changelog;

/// <summary>Writes one store's updates to its changelog partition (the task's partition), tagged with the batch.</summary>
internal sealed class ChangelogWriter(IRecordCollector collector, string topic, int partition)
{
    private Headers? _batchHeaders;

    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    /// <summary>The next offset to restore from, once the last commit marker was acknowledged.</summary>
    public long NextOffset
    {
        get => Volatile.Read(ref _nextOffset);
        set => Volatile.Write(ref _nextOffset, value);
    }

    private long _nextOffset = -1;

    public void BeginBatch(BatchId batch) => _batchHeaders = ChangelogProtocol.DataHeaders(batch);

    public void Write(byte[] key, byte[]? value, long timestamp) =>
        collector.Send(Topic, Partition, key, value, _batchHeaders, timestamp);

    public void WriteCommitMarker(BatchId batch, byte[] checkpoint, long timestamp) =>
        collector.Send(Topic, Partition, ChangelogProtocol.CommitMarkerKey(batch.Incarnation), checkpoint,
            ChangelogProtocol.CommitMarkerHeaders(batch), timestamp, offset => NextOffset = offset + 1);

    public void WriteAbortMarker(BatchId batch, long timestamp) =>
        // Not a null value: on a compacted topic a tombstone would eventually erase the marker itself.
        collector.Send(Topic, Partition, ChangelogProtocol.AbortMarkerKey(batch.Incarnation, batch.Seq), ChangelogProtocol.AbortValue,
            ChangelogProtocol.AbortMarkerHeaders(), timestamp);
}
