using Aggregator.Alarms;
using Aggregator.Reports;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// What the reporting part of the topology needs: intervals, windows, rules, the outside world, and how many counting
/// partitions (tasks of the counting sub-topology, one per partition of the raw topic) a summary waits for.
/// </summary>
internal sealed record ReportingSettings(
    TimeSpan Interval,
    HoppingWindows Windows,
    AlarmRuleSet Rules,
    SummaryOptions Summary,
    int MaxTrackedPages,
    TimeSpan SilenceAfter,
    IOutbox Outbox,
    IPipelineHealth Health,
    TimeProvider Time,
    ReportingMetrics Metrics,
    int CountingPartitions)
{
    /// <summary>
    /// How far behind (wall clock) the first summary of a catch-up may be; older intervals are folded into one
    /// "caught up on …" line (<c>Reports:MaxCatchUp</c>).
    /// </summary>
    public TimeSpan MaxCatchUp { get; init; } = ReportOptions.DefaultMaxCatchUp;

    public long IntervalMs => (long)Interval.TotalMilliseconds;

    /// <summary>Defaults for describing the topology and for tests: nothing is delivered or observed.</summary>
    public static ReportingSettings Defaults(Hosting.Options.WindowsOptions windows, TimeProvider? time = null) => new(
        TimeSpan.FromMinutes(10),
        HoppingWindows.From(windows),
        AlarmRuleSet.Compile(new AlarmOptions(), windowAdvance: windows.Advance),
        new SummaryOptions(),
        ReportAccumulator.DefaultMaxTrackedPages,
        TimeSpan.FromMinutes(2),
        NoReporting.Instance,
        NoReporting.Instance,
        time ?? TimeProvider.System,
        new ReportingMetrics(),
        1);
}

/// <summary>Delivery of decided Slack messages, outside the stream thread (see <c>SlackOutboxDispatcher</c>).</summary>
internal interface IOutbox
{
    /// <summary>Hands pending messages over for delivery; messages already queued or in flight are ignored.</summary>
    void Offer(IReadOnlyList<Slack.SlackMessage> pending);

    /// <summary>Ids of messages delivered (or permanently rejected) since the last call.</summary>
    IReadOnlyList<string> TakeCompleted();

    /// <summary>The owning task closed: drop what is queued but not yet sending (the next owner will send it).</summary>
    void Release();
}

/// <summary>Pipeline facts for the summary's trust footer and the built-in alarms, from outside the stream thread.</summary>
internal interface IPipelineHealth
{
    /// <summary>Largest consumer lag of the application's group over its source partitions, if known.</summary>
    long? MaxLag { get; }

    /// <summary>Partitions this instance is restoring.</summary>
    IReadOnlyList<string> RestoringPartitions { get; }

    /// <summary>Recent lag samples per partition (for the lag-growing alarm).</summary>
    IReadOnlyList<PartitionLagSeries> LagHistory { get; }

    /// <summary>
    /// Whether partition <paramref name="partition"/> of store <paramref name="store"/> has been restored from its
    /// changelog here. Streamiz initialises processors before restoring their stores and runs their punctuations while
    /// they restore, so a stage reads its store only once this says yes (or once it processes a record: Streamiz
    /// processes only restored tasks).
    /// </summary>
    bool IsRestored(string store, int partition);
}

/// <summary>Used where nothing is delivered or observed (descriptions, tests without Slack).</summary>
internal sealed class NoReporting : IOutbox, IPipelineHealth
{
    public static NoReporting Instance { get; } = new();

    public long? MaxLag => null;

    public IReadOnlyList<string> RestoringPartitions => [];

    public IReadOnlyList<PartitionLagSeries> LagHistory => [];

    public bool IsRestored(string store, int partition) => true;

    public void Offer(IReadOnlyList<Slack.SlackMessage> pending)
    {
    }

    public IReadOnlyList<string> TakeCompleted() => [];

    public void Release()
    {
    }
}
