namespace Aggregator.Topology.Reporting;

/// <summary>
/// A stats stage's announcement to the merger: its task has got to <see cref="EventTime"/> and has sent the partials
/// that contain everything before it. Sent every publish interval while event time moves, even with nothing else
/// to send, so the task keeps announcing its progress to its readers instead of looking idle while its upstreams are
/// busy. From a <see cref="Counting"/> task it also tells the merger how far that counting partition has counted: an
/// interval closes only when every counting partition has announced its end plus grace — a partition that has not
/// said anything yet is waited for, not taken as empty.
/// </summary>
internal sealed record StatsProgress(string Source, int Partition, long EventTime, bool Counting);
