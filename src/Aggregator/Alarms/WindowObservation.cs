namespace Aggregator.Alarms;

/// <summary>
/// What the merger knows about one rule in one hopping window at one moment: the count summed over all sources
/// and matching keys so far, and whether the window has closed (stream time passed its end plus grace, so the
/// count is final). The same window is typically observed many times, its count growing, then once closed.
/// </summary>
/// <param name="WindowStart">Window start, epoch ms.</param>
/// <param name="WindowEnd">Window end (exclusive), epoch ms.</param>
/// <param name="Count">Matching records in the window so far (cumulative, never a delta).</param>
/// <param name="IsClosed">Whether the count is final.</param>
/// <param name="ObservedAtMs">When the merger made the observation (the clock cooldowns are measured on).</param>
internal readonly record struct WindowObservation(long WindowStart, long WindowEnd, long Count, bool IsClosed, long ObservedAtMs);
