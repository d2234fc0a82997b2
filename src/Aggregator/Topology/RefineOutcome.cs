using Aggregator.Activity;

namespace Aggregator.Topology;

/// <summary>
/// What refining one raw record produced: a refined event or a dead letter with the reason; and where the raw
/// record was read. <see cref="OptedOut"/>: the record names an identity that opted out, so it is dropped and only
/// counted (as opted out, or as a dead letter when it also failed validation).
/// </summary>
internal sealed record RefineOutcome(RefinedEvent? Event, DeadLetterRecord? DeadLetter, RawOrigin Origin, bool OptedOut = false);
