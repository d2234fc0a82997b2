using Aggregator.Streams.Processors;
using Aggregator.Streams.State;
using Aggregator.Topology.Reporting.Merging;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// The single task that turns every task's partials into one summary per report interval and decides alarms: the
/// stream runtime's side of <see cref="ReportMergerCore"/>, which holds all the logic. It runs on one partition, so
/// exactly one instance owns it however many run.
/// </summary>
/// <remarks>
/// What an adapter for any runtime does: give the core an <see cref="IReportingStore"/> over the task's store (with
/// a changelog), the number of counting partitions, a wall clock and a way to request a commit; pass every record's
/// value to <see cref="ReportMergerCore.Process"/>; call <see cref="ReportMergerCore.Tick"/> every
/// <see cref="ReportMergerCore.TickInterval"/> of wall-clock time and <see cref="ReportMergerCore.Close"/> on close.
/// </remarks>
internal sealed class ReportMergerProcessor(ReportingSettings settings, ReportingMetrics metrics, Func<IProcessorContext, int> countingPartitions)
    : IProcessor<string, ReportingRecord, string, string>
{
    public const string StoreName = "report-merger";
    private ReportMergerCore _core = null!;

    public void Init(IProcessorContext<string, string> context)
    {
        var store = new RuntimeReportingStore(context.GetStateStore<IKeyValueStore<string, byte[]>>(StoreName));

        // This runtime's wall clock (the test driver's manual clock in tests), so punctuation and decisions agree.
        var reporting = settings with { Metrics = metrics, Time = new ProcessorWallClock(context) };
        _core = new ReportMergerCore(reporting, store, countingPartitions(context), context.RequestCommit);
        context.Schedule(ReportMergerCore.TickInterval, PunctuationType.WallClockTime, _ => _core.Tick());
    }

    public void Process(Record<string, ReportingRecord> record) => _core.Process(record.Value);

    public void Close() => _core.Close();
}
