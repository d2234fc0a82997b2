using Aggregator.Activity;

namespace Aggregator.Topology;

/// <summary>
/// What refining one raw record produced: a refined event (possibly of a user who opted out, to be dropped and only
/// counted), or a dead letter with the reason.
/// </summary>
internal sealed record RefineOutcome(RefinedEvent? Event, DeadLetterRecord? DeadLetter, bool OptedOut = false);
