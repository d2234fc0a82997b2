using Aggregator.Streams.State.Internal;
using Confluent.Kafka;

namespace Aggregator.Streams.State.Changelog;

/// <summary>
/// Rebuilds one store of one task from its changelog partition, following <see cref="ChangelogProtocol"/>:
/// updates are held back until their batch's commit marker arrives, discarded at an abort marker, and
/// whatever is left at the end (the tail) is resolved by <see cref="TaskStateManager"/> across all of
/// the task's stores.
/// </summary>
internal sealed class ChangelogRestorer(ManagedStore store, TopicPartition partition, long startOffset)
{
    private readonly List<KeyValuePair<byte[], byte[]?>> _pending = [];
    private readonly HashSet<BatchId> _pendingBatches = [];

    public ManagedStore Store { get; } = store;

    public TopicPartition Partition { get; } = partition;

    /// <summary>Where restoring starts (the offset after the last applied marker), or 0 for a full restore.</summary>
    public long StartOffset { get; } = startOffset;

    /// <summary>The log end when restoring started; done once the position reaches it.</summary>
    public long EndOffset { get; set; } = -1;

    public long Position { get; private set; } = startOffset;

    public bool IsDone => EndOffset >= 0 && Position >= EndOffset;

    /// <summary>Updates applied to the store (after their commit markers).</summary>
    public long RestoredRecords { get; private set; }

    /// <summary>Updates applied since the store's storage was last committed.</summary>
    public long UncommittedRecords { get; set; }

    public long DiscardedRecords { get; private set; }

    /// <summary>The checkpoint in the last commit marker applied (decoded on first use: only the last one matters).</summary>
    public TaskCheckpoint? LastCommit
    {
        get
        {
            if (_lastCommitBytes is { } bytes)
            {
                _lastCommit = TaskCheckpoint.FromBytes(bytes);
                _lastCommitBytes = null;
            }

            return _lastCommit;
        }
    }

    private TaskCheckpoint? _lastCommit;
    private byte[]? _lastCommitBytes;
    private BatchId? _lastPendingBatch;

    public BatchId LastCommitBatch { get; private set; }

    /// <summary>Offset after the last commit marker applied; where a later restore would resume.</summary>
    public long NextOffsetAfterLastCommit { get; private set; } = -1;

    public IReadOnlyList<KeyValuePair<byte[], byte[]?>> Tail => _pending;

    public IReadOnlySet<BatchId> TailBatches => _pendingBatches;

    public void Apply(byte[]? key, byte[]? value, Headers? headers, long offset)
    {
        Position = offset + 1;
        switch (ChangelogProtocol.Classify(headers, out var batch))
        {
            case ChangelogRecordKind.CommitMarker:
                foreach (var (pendingKey, pendingValue) in _pending)
                {
                    Store.Restore(pendingKey, pendingValue);
                }

                RestoredRecords += _pending.Count;
                UncommittedRecords += _pending.Count;
                ClearPending();
                _lastCommit = null;
                _lastCommitBytes = value;
                LastCommitBatch = batch;
                NextOffsetAfterLastCommit = Position;
                break;
            case ChangelogRecordKind.AbortMarker:
                DiscardedRecords += _pending.Count;
                ClearPending();
                break;
            default:
                if (key is not null)
                {
                    _pending.Add(new(key, value));
                    if (_lastPendingBatch != batch)
                    {
                        // A batch's records are consecutive: one set operation per batch, not per record.
                        _pendingBatches.Add(batch);
                        _lastPendingBatch = batch;
                    }
                }

                break;
        }
    }

    /// <summary>Applies the tail as committed (its batch's marker was found in another store's changelog).</summary>
    public void ApplyTail()
    {
        foreach (var (key, value) in _pending)
        {
            Store.Restore(key, value);
        }

        RestoredRecords += _pending.Count;
        UncommittedRecords += _pending.Count;
        ClearPending();
    }

    /// <summary>Drops the tail as an unfinished batch; returns its keys, whose changelog entries need repair.</summary>
    public IReadOnlyList<byte[]> DiscardTail()
    {
        var keys = _pending.Select(p => p.Key).Distinct(ByteArrayComparer.Instance).ToList();
        DiscardedRecords += _pending.Count;
        ClearPending();
        return keys;
    }

    private void ClearPending()
    {
        _pending.Clear();
        _pendingBatches.Clear();
        _lastPendingBatch = null;
    }
}
