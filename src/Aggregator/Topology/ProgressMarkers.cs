namespace Aggregator.Topology;

/// <summary>
/// Progress markers: how a stats stage learns that every event up to a time has reached it, so a summary closes only
/// once everything it covers has been counted — on any number of instances and through any backlog. Streamiz has no
/// upstream watermarks, so the topology carries its own through the by-user repartition, like a record:
/// <list type="number">
/// <item>each raw partition's task sends its stream time, once a second, to every partition of the by-user topic
/// (<see cref="SourceStreamTime"/>); per partition, that marker follows every event read before it;</item>
/// <item>each dedup task, once it has heard from every raw partition, passes the smallest of their stream times to its
/// own stats stages (<see cref="DedupProcessor"/>): all events up to it have passed through it. The counting stage's
/// statistics are made there too (Reporting/CountStatsProcessor), since the count repartition carries partial counts.</item>
/// </list>
/// A raw partition that has never had a record promises nothing, so summaries wait for it until the merger gives up
/// (<c>Reports:SilenceAfter</c>, naming it in the footer); with a firehose every partition has data. (Declaring an idle
/// partition "no constraint" after a timeout was tried and closed intervals early: the burst that ends the idleness
/// reaches the partitions' tasks at different moments.) About partitions² small records a second in all.
/// </summary>
internal static class ProgressMarkers
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Markers' record key (not null: Streamiz skips null-keyed records at stateful processors), per target partition.</summary>
    public static string Key(int target) => "progress-marker-" + target.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
