using Aggregator.Topology.Reporting.Merging;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// The single task that turns every task's partials into one summary per report interval and decides alarms: the
/// Streamiz side of <see cref="ReportMergerCore"/>, which holds all the logic. It runs on one partition, so exactly one
/// instance owns it however many run.
/// </summary>
/// <remarks>
/// The adapter gives the core an <see cref="IReportingStore"/> over the task's store (with a changelog), the number of
/// counting partitions, the host's clock and a way to request a commit; passes every record's value to
/// <see cref="ReportMergerCore.Process"/>; calls <see cref="ReportMergerCore.Tick"/> every
/// <see cref="ReportMergerCore.TickInterval"/> of wall-clock time and <see cref="ReportMergerCore.Close"/> on close.
/// </remarks>
internal sealed class ReportMergerProcessor(ReportingSettings settings, ReportingMetrics metrics, StreamsMetrics streams)
    : IProcessor<string, ReportingRecord>
{
    public const string StoreName = "report-merger";
    private ProcessorContext<string, ReportingRecord> _context = null!;
    private ReportMergerCore? _core;
    private string _task = string.Empty;

    public void Init(ProcessorContext<string, ReportingRecord> context)
    {
        _context = context;
        _task = context.Id.ToString();
        context.Schedule(ReportMergerCore.TickInterval, PunctuationType.PROCESSING_TIME, _ => Core(restored: false)?.Tick());
        streams.TaskStarted(_task);
    }

    public void Process(Record<string, ReportingRecord> record)
    {
        streams.RecordProcessed(_task);
        Core(restored: true)!.Process(record.Value);
    }

    public void Close()
    {
        streams.TaskClosed(_task);
        _core?.Close();
    }

    // The core loads the store once: not in Init, which Streamiz runs before restoring the store, and not from a
    // punctuation before the store's restore has ended (Streamiz punctuates restoring tasks too). A record proves it:
    // Streamiz processes only restored tasks.
    private ReportMergerCore? Core(bool restored)
    {
        if (_core is null && (restored || settings.Health.IsRestored(StoreName, _context.Id.Partition)))
        {
            var store = new StreamizReportingStore((IKeyValueStore<string, byte[]>)_context.GetStateStore(StoreName));
            _core = new ReportMergerCore(settings with { Metrics = metrics }, store, settings.CountingPartitions, _context.Commit);
        }

        return _core;
    }
}
