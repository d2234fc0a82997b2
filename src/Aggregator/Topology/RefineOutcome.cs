using Aggregator.Activity;

namespace Aggregator.Topology;

/// <summary>
/// What refining one raw record produced: a refined event (possibly of a user who opted out, to be dropped and only
/// counted), or a dead letter with the reason; and where the raw record was read.
/// </summary>
internal sealed record RefineOutcome(RefinedEvent? Event, DeadLetterRecord? DeadLetter, RawOrigin Origin, bool OptedOut = false);
