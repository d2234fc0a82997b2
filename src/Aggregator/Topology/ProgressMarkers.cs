namespace Aggregator.Topology;

/// <summary>
/// Progress markers: how a counting task learns that every event up to a time has reached it, so a summary closes only
/// once everything it covers has been counted — on any number of instances and through any backlog. Streamiz has no
/// upstream watermarks, so the topology carries its own through both repartitions, like a record:
/// <list type="number">
/// <item>each raw partition's task sends its stream time, once a second, to every partition of the by-user topic
/// (<see cref="SourceStreamTime"/>); per partition, that marker follows every event read before it;</item>
/// <item>each dedup task, once it has heard from every raw partition, sends the smallest of their stream times to every
/// partition of the counts-by-key topic (<see cref="DedupProcessor"/>): all events up to it have passed through it;</item>
/// <item>each counting task's progress is the smallest over every dedup task (Reporting/CountStatsProcessor).</item>
/// </list>
/// A raw partition that has never had a record promises nothing, so summaries wait for it until the merger gives up
/// (<c>Reports:SilenceAfter</c>, naming it in the footer); with a firehose every partition has data. (Declaring an idle
/// partition "no constraint" after a timeout was tried and closed intervals early: the burst that ends the idleness
/// reaches the partitions' tasks at different moments.) About 2 × partitions² small records a second in all.
/// </summary>
internal static class ProgressMarkers
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Markers' record key (not null: Streamiz skips null-keyed records at stateful processors), per target partition.</summary>
    public static string Key(int target) => "progress-marker-" + target.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
