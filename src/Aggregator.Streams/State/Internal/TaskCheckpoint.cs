using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aggregator.Streams.State.Internal;

/// <summary>
/// What a task's committed state reflects: for each source partition the next offset to process, for each
/// upstream partition feeding its repartition topics the last record already counted, and for each store
/// the changelog offset to resume restoring from. Written atomically with the state (locally) and in every
/// changelog commit marker, so a restarted or migrated task resumes exactly where its state left off —
/// neither re-counting replayed input nor skipping any.
/// </summary>
internal sealed record TaskCheckpoint
{
    /// <summary>Commit sequence number, increasing across incarnations of the task.</summary>
    public long Seq { get; init; }

    /// <summary>The task's watermark when committed, so lateness is judged the same way after a restart.</summary>
    public long StreamTime { get; init; } = -1;

    /// <summary>Largest event time seen per external source partition.</summary>
    public IReadOnlyList<PartitionTime> PartitionTimes { get; init; } = [];

    /// <summary>Last watermark announced by each upstream task writing to this task's repartition topics.</summary>
    public IReadOnlyList<UpstreamWatermark> UpstreamWatermarks { get; init; } = [];

    public IReadOnlyList<SourcePosition> Positions { get; init; } = [];

    public IReadOnlyList<UpstreamMark> UpstreamMarks { get; init; } = [];

    /// <summary>Per store: the changelog offset after the last applied commit marker.</summary>
    public IReadOnlyDictionary<string, long> ChangelogOffsets { get; init; } = new Dictionary<string, long>();

    public static TaskCheckpoint Empty { get; } = new();

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, CheckpointJsonContext.Default.TaskCheckpoint);

    public static TaskCheckpoint FromBytes(ReadOnlySpan<byte> bytes) =>
        JsonSerializer.Deserialize(bytes, CheckpointJsonContext.Default.TaskCheckpoint)
        ?? throw new FormatException("Empty task checkpoint.");
}

internal sealed record PartitionTime(string Topic, int Partition, long Time);

internal sealed record UpstreamWatermark(int Subtopology, int Partition, long Watermark);

/// <summary>Next offset to process in one source partition.</summary>
internal sealed record SourcePosition(string Topic, int Partition, long NextOffset);

/// <summary>
/// The last upstream record (by its source partition, offset and fan-out sequence) whose output this task has
/// already processed from a repartition topic. Records at or before it are replays and are skipped.
/// </summary>
internal sealed record UpstreamMark(uint SourceTopicHash, int SourcePartition, long Offset, int Sequence);

[JsonSerializable(typeof(TaskCheckpoint))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
