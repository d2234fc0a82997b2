namespace Aggregator.Topology.Reporting;

/// <summary>
/// A counting task's announcement to the merger: it has counted everything up to <see cref="EventTime"/> (its
/// stream time) and sent the partials that contain it. An interval closes only when every counting partition has
/// announced its end plus grace: a partition that has not said anything yet is waited for, not taken as empty.
/// </summary>
internal sealed record CountingProgress(string Source, int Partition, long EventTime);
