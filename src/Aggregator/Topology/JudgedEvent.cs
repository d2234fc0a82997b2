namespace Aggregator.Topology;

/// <summary>
/// A counted event with the lateness verdict: <see cref="Late"/> when every window containing it had closed (its last
/// window's end plus grace at or before <see cref="StreamTime"/>, the stream time of the raw partition the event was
/// read from, which survives restarts).
/// </summary>
internal sealed record JudgedEvent(CountedEvent Event, bool Late, long StreamTime);
