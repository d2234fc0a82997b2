using Aggregator.Reports;
using Aggregator.Topology.Reporting;
using Aggregator.Topology.Reporting.Merging;
using Microsoft.Extensions.Time.Testing;

namespace Aggregator.Tests.Topology.Reporting.Merging;

/// <summary>
/// The report merger's core alone, no runtime: an in-memory store, a test clock, a capturing outbox, fed the records
/// the stats stages of a multi-partition topology send it, in the order a test chooses.
/// </summary>
internal sealed class MergerHarness
{
    public static readonly long T10 = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    public const long Minute = 60_000;
    public const long Hour = 60 * Minute;

    private readonly int _countingPartitions;

    /// <param name="wallClock">Wall-clock time at start (epoch ms); default 10:00, with event time.</param>
    public MergerHarness(int countingPartitions, long? wallClock = null, InMemoryReportingStore? store = null, FakeTimeProvider? clock = null, CapturingOutbox? outbox = null)
    {
        _countingPartitions = countingPartitions;
        Clock = clock ?? new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(wallClock ?? T10));
        Outbox = outbox ?? new CapturingOutbox();
        Store = store ?? new InMemoryReportingStore();
        Settings = ReportingSettings.Defaults(new Aggregator.Hosting.Options.WindowsOptions(), Clock) with { Outbox = Outbox };
        Core = new ReportMergerCore(Settings, Store, countingPartitions, () => CommitsRequested++);
    }

    public FakeTimeProvider Clock { get; }

    public CapturingOutbox Outbox { get; }

    public InMemoryReportingStore Store { get; }

    public ReportingSettings Settings { get; }

    public ReportMergerCore Core { get; }

    public int CommitsRequested { get; private set; }

    /// <summary>A partial of the 10-minute interval starting at <paramref name="start"/> with <paramref name="pageViews"/> views of /home.</summary>
    public static ReportPartial Partial(string source, long start, int pageViews, int deadLettered = 0, int late = 0)
    {
        var accumulator = new ReportAccumulator(source, start, start + (10 * Minute));
        for (var i = 0; i < pageViews; i++)
        {
            accumulator.Add(ReportAccumulator.PageViewType, "/home", $"u-{source}-{i}", start + (i % 10 * Minute));
        }

        accumulator.AddDeadLettered(deadLettered);
        accumulator.AddLate(late);
        return accumulator.Snapshot();
    }

    public void Send(ReportPartial partial) => Core.Process(new ReportingRecord { Interval = partial });

    public void Send(ReportingRecord record) => Core.Process(record);

    /// <summary>Every stats stage of a partition got to <paramref name="eventTime"/> (refine, dedup, then counting).</summary>
    public void Progress(int partition, long eventTime)
    {
        foreach (var stage in Enum.GetValues<StatsStage>())
        {
            Progress(partition, eventTime, stage);
        }
    }

    /// <summary>One stats stage's progress; the task id names its sub-topology as the topology numbers them.</summary>
    public void Progress(int partition, long eventTime, StatsStage stage) =>
        Core.Process(new ReportingRecord { Progress = new StatsProgress($"{(int)stage}_{partition}", partition, eventTime, stage) });

    /// <summary>Moves the wall clock on and runs the merger's periodic tick (delivery to the outbox happens there).</summary>
    public void Tick(TimeSpan? by = null)
    {
        Clock.Advance(by ?? TimeSpan.FromSeconds(1));
        Core.Tick();
    }

    /// <summary>The merger after a restart: a new core over the same store, clock and Slack.</summary>
    public MergerHarness Restart()
    {
        Core.Close();
        return new MergerHarness(_countingPartitions, store: Store, clock: Clock, outbox: Outbox);
    }
}
