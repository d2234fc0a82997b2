namespace Aggregator.Alarms;

/// <summary>
/// What a rule's state remembers of one window: the largest count observed and whether it was seen closed.
/// Both only ever grow, which is what makes evaluation idempotent and insensitive to the order of observations.
/// </summary>
internal sealed record WindowMark(long Start, long End, long Count, bool Closed);
