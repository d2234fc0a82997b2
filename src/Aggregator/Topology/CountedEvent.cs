namespace Aggregator.Topology;

/// <summary>
/// What the counting sub-topology needs of an event, sent through the counts-by-key repartition topic instead of
/// the whole refined record: its type, path and user (for approximate unique users in reports), and the raw partition
/// it was read from with that partition's stream time (see <see cref="SourceStreamTime"/>). Event time travels as the
/// record timestamp.
/// </summary>
/// <remarks>With <see cref="IsMarker"/>, a progress marker (<see cref="ProgressMarkers"/>) of dedup task
/// <see cref="SourcePartition"/> through <see cref="SourceStreamTime"/>, bound for counting partition <see cref="Target"/>.</remarks>
internal readonly record struct CountedEvent(string Type, string Path, string User, long SourceStreamTime = 0, int SourcePartition = 0, bool IsMarker = false, int Target = -1)
{
    public static CountedEvent Marker(long through, int dedupPartition, int target) => new(string.Empty, string.Empty, string.Empty, through, dedupPartition, true, target);
}
