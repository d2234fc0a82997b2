using Aggregator.Activity;

namespace Aggregator.Topology;

/// <summary>
/// An event after de-duplication: unique (goes on), or a duplicate / an opted-out user's (counted, dropped); with its raw
/// partition and that partition's stream time, which lateness is judged by (<see cref="PreAggregator"/>).
/// </summary>
/// <remarks>A <see cref="DedupOutcome.Progress"/> verdict has no event: it is a progress marker (<see cref="ProgressMarkers"/>) of this
/// dedup task (<see cref="SourcePartition"/>) for its stats stages: every raw partition's events up to <see cref="SourceStreamTime"/>
/// have passed through it.</remarks>
internal sealed record DedupVerdict(RefinedEvent? Event, DedupOutcome Outcome, long SourceStreamTime = 0, int SourcePartition = 0);

internal enum DedupOutcome
{
    Unique,
    Duplicate,
    OptedOut,
    Progress,
}
