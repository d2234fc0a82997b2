namespace Aggregator.Topology.Reporting.Merging;

/// <summary>What an entry of the merger's store holds; each kind has its own key prefix (see <see cref="MergerKey"/>).</summary>
internal enum MergerKeyKind
{
    /// <summary><c>p:{intervalStart}:{source}</c> → the source's latest <c>ReportPartial</c> of an unreported interval.</summary>
    Partial,

    /// <summary><c>w:{windowStart}:{source}|{rule}</c> → the source's count (int64) for a rule in an unjudged window.</summary>
    Window,

    /// <summary><c>a:{rule}</c> → the rule's <c>AlarmState</c>.</summary>
    Alarm,

    /// <summary><c>o:{messageId}</c> → a decided Slack message not yet delivered.</summary>
    Outbox,

    /// <summary><c>d:{messageId}</c> → when (wall clock, int64) the message was delivered.</summary>
    Delivered,

    /// <summary><c>s:{name}</c> → one of the merger's own marks (<see cref="MergerKey.Settings"/>).</summary>
    Setting,

    /// <summary>
    /// <c>c:{partition}</c> (counting stage) or <c>c:{partition}:{stage}</c> → how far (event time, int64) that stats
    /// stage's partition has announced it got.
    /// </summary>
    StageThrough,
}
