namespace Aggregator.Topology.Reporting;

/// <summary>
/// The three stats stages of the topology, each with one task per partition. Every stage sends its own partials
/// (dead letters, duplicates, counted events) on its own topic, so the merger closes an interval only once every
/// stage of every partition has said it is past it: the counting stage being past it says nothing about whether the
/// dedup stage's duplicates of that interval have reached the merger yet.
/// </summary>
internal enum StatsStage
{
    /// <summary>Parsing and validation (<see cref="RefineStatsProcessor"/>): dead letters, opt-outs dropped there.</summary>
    Refine,

    /// <summary>De-duplication (<see cref="DedupStatsProcessor"/>): duplicates, opt-outs that arrived in flight.</summary>
    Dedup,

    /// <summary>Counting (<see cref="CountStatsProcessor"/>): events by type, pages, users, late drops.</summary>
    Counts,
}
