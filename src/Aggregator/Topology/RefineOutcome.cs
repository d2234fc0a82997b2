using Aggregator.Activity;

namespace Aggregator.Topology;

/// <summary>What refining one raw record produced: a refined event, or a dead letter with the reason.</summary>
internal sealed record RefineOutcome(RefinedEvent? Event, DeadLetterRecord? DeadLetter);
