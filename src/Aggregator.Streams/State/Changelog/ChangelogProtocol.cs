using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;

namespace Aggregator.Streams.State.Changelog;

/// <summary>
/// The changelog's wire protocol, which is what makes state exactly-once without broker transactions.
/// <para>
/// Every commit of a task writes its store updates as one <em>batch</em>: each data record carries the batch id
/// in the <see cref="BatchHeader"/> header. Only after all of them are acknowledged does the task append a
/// <em>commit marker</em> to each of its changelogs, holding the task checkpoint (source positions, upstream
/// marks). Restoring applies a batch only when its marker is read; a batch cut short by a crash has no marker
/// and is discarded, and the task resumes from the positions in the last marker — so no update is applied
/// twice and none is lost.
/// </para>
/// <para>
/// Marker keys are unique per task incarnation (so log compaction keeps the last marker of each incarnation)
/// and <em>abort markers</em> (written when a restore found and discarded an unfinished batch) are unique per
/// occurrence: with compaction, a restore that never sees some older markers still applies everything before
/// the next surviving commit marker, and still discards exactly the unfinished batches.
/// </para>
/// </summary>
internal static class ChangelogProtocol
{
    public const string BatchHeader = "__agg.batch";
    public const string MarkerHeader = "__agg.marker";
    private static readonly byte[] CommitKind = "commit"u8.ToArray();
    private static readonly byte[] AbortKind = "abort"u8.ToArray();

    public static byte[] AbortValue { get; } = "abort"u8.ToArray();

    public static Headers DataHeaders(BatchId batch) => new() { { BatchHeader, batch.ToBytes() } };

    public static byte[] CommitMarkerKey(long incarnation) => Encoding.UTF8.GetBytes($"__agg.commit:{incarnation:x16}");

    public static byte[] AbortMarkerKey(long incarnation, long seq) => Encoding.UTF8.GetBytes($"__agg.abort:{incarnation:x16}:{seq}");

    public static Headers CommitMarkerHeaders(BatchId batch) => new() { { MarkerHeader, CommitKind }, { BatchHeader, batch.ToBytes() } };

    public static Headers AbortMarkerHeaders() => new() { { MarkerHeader, AbortKind } };

    public static ChangelogRecordKind Classify(Headers? headers, out BatchId batch)
    {
        batch = default;
        if (headers is null)
        {
            return ChangelogRecordKind.Data;
        }

        var kind = ChangelogRecordKind.Data;
        foreach (var header in headers)
        {
            if (header.Key == BatchHeader)
            {
                var bytes = header.GetValueBytes();
                if (bytes is { Length: 16 })
                {
                    batch = BatchId.FromBytes(bytes);
                }
            }
            else if (header.Key == MarkerHeader)
            {
                var bytes = header.GetValueBytes();
                kind = bytes.AsSpan().SequenceEqual(CommitKind) ? ChangelogRecordKind.CommitMarker : ChangelogRecordKind.AbortMarker;
            }
        }

        return kind;
    }
}

internal enum ChangelogRecordKind
{
    Data,
    CommitMarker,
    AbortMarker,
}

/// <summary>Identifies one commit of one task incarnation; <see cref="Seq"/> increases across incarnations.</summary>
internal readonly record struct BatchId(long Incarnation, long Seq)
{
    public byte[] ToBytes()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Incarnation);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), Seq);
        return bytes;
    }

    public static BatchId FromBytes(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
}
