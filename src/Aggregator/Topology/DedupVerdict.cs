using Aggregator.Activity;

namespace Aggregator.Topology;

/// <summary>An event after de-duplication: unique (goes on), or a duplicate / an opted-out user's (counted, dropped).</summary>
internal sealed record DedupVerdict(RefinedEvent Event, DedupOutcome Outcome);

internal enum DedupOutcome
{
    Unique,
    Duplicate,
    OptedOut,
}
