using Aggregator.Activity;

namespace Aggregator.Topology;

/// <summary>
/// An event after de-duplication: unique (goes on), or a duplicate / an opted-out user's (counted, dropped); with its raw
/// partition and that partition's stream time, which the counting stage judges lateness and its progress by.
/// </summary>
/// <remarks>A <see cref="DedupOutcome.Progress"/> verdict has no event: it is a progress marker (<see cref="ProgressMarkers"/>) of this
/// dedup task (<see cref="SourcePartition"/>), bound for partition <see cref="Target"/> of the counts-by-key topic.</remarks>
internal sealed record DedupVerdict(RefinedEvent? Event, DedupOutcome Outcome, long SourceStreamTime = 0, int SourcePartition = 0, int Target = -1);

internal enum DedupOutcome
{
    Unique,
    Duplicate,
    OptedOut,
    Progress,
}
