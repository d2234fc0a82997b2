using Aggregator.Activity;

namespace Aggregator.Topology;

/// <summary>
/// A refined event on its way to de-duplication, with where it was read from raw: dedup tells a replay of the same raw
/// record (after a crash, at-least-once) from a resend by the collector (another raw record with the same eventId).
/// Also its raw partition's stream time when it was read (see <see cref="SourceStreamTime"/>). Without an event it is a
/// progress marker (<see cref="ProgressMarkers"/>) of raw partition <c>Origin.Partition</c>, bound for partition
/// <see cref="Target"/> of the by-user topic.
/// </summary>
internal sealed record TrackedEvent(RefinedEvent? Event, RawOrigin Origin, long SourceStreamTime, int Target = -1)
{
    public bool IsMarker => Event is null;
}

/// <summary>The raw partition and offset an event was read from (a class: a store miss must read as null, not as partition 0, offset 0).</summary>
internal sealed record RawOrigin(int Partition, long Offset);
