using Aggregator.Activity;

namespace Aggregator.Topology;

/// <summary>
/// An event after de-duplication: unique (goes on), or a duplicate / an opted-out user's (counted, dropped); with its raw
/// partition and that partition's stream time, which the counting stage judges lateness and its progress by.
/// </summary>
internal sealed record DedupVerdict(RefinedEvent Event, DedupOutcome Outcome, long SourceStreamTime = 0, int SourcePartition = 0);

internal enum DedupOutcome
{
    Unique,
    Duplicate,
    OptedOut,
}
