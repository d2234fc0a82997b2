namespace Aggregator.Topology.Reporting;

/// <summary>
/// A stats stage's announcement to the merger: its task has got to <see cref="EventTime"/> and has sent the partials
/// that contain everything before it (on the same single-partition topic, before this record, so the merger has read
/// them when it reads this). Sent every publish interval while event time moves, even with nothing else to send, so
/// the task keeps announcing its progress instead of looking idle while its upstreams are busy. An interval closes
/// only when every <see cref="StatsStage"/> of every partition has announced its end plus grace — a partition that
/// has not said anything yet is waited for, not taken as empty.
/// </summary>
internal sealed record StatsProgress(string Source, int Partition, long EventTime, StatsStage Stage);
