using Aggregator.Reports;
using Aggregator.Streams.Dsl;
using Aggregator.Streams.State;
using Aggregator.Streams.Testing;
using Aggregator.Topology.Reporting;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Tests.Topology.Reporting;

/// <summary>
/// The report merger alone on the test driver, fed the records the stats stages of a multi-partition runtime send
/// it (in the order a test chooses), with a capturing outbox. Stream time is the largest timestamp fed.
/// </summary>
internal sealed class MergerHarness : IDisposable
{
    public const string Input = "reporting-in";
    public static readonly long T10 = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    public const long Minute = 60_000;

    public MergerHarness(int countingPartitions)
    {
        Settings = ReportingSettings.Defaults(new Aggregator.Hosting.Options.WindowsOptions()) with { Outbox = Outbox };
        var builder = new StreamsBuilder();
        builder.AddStateStore(Stores.KeyValue(ReportMergerProcessor.StoreName, S.String, S.ByteArray));
        builder.Stream(Input, Consumed<string, ReportingRecord>.With(S.String, ReportingRecordSerde.Instance))
            .Process(() => new ReportMergerProcessor(Settings, Settings.Metrics, _ => countingPartitions), "report-merger", ReportMergerProcessor.StoreName);
        Driver = new TopologyTestDriver(builder.Build(), new TopologyTestDriverOptions { InitialWallClock = DateTimeOffset.FromUnixTimeMilliseconds(T10) });
    }

    public CapturingOutbox Outbox { get; } = new();

    public ReportingSettings Settings { get; }

    public TopologyTestDriver Driver { get; }

    /// <summary>A partial of the 10-minute interval starting at <paramref name="start"/> with <paramref name="pageViews"/> views of /home.</summary>
    public static ReportPartial Partial(string source, long start, int pageViews, int deadLettered = 0)
    {
        var accumulator = new ReportAccumulator(source, start, start + (10 * Minute));
        for (var i = 0; i < pageViews; i++)
        {
            accumulator.Add(ReportAccumulator.PageViewType, "/home", $"u-{source}-{i}", start + (i % 10 * Minute));
        }

        accumulator.AddDeadLettered(deadLettered);
        return accumulator.Snapshot();
    }

    public void Send(ReportPartial partial, long at) => Send(new ReportingRecord { Interval = partial }, partial.Source, at);

    /// <summary>A counting task's progress (sub-topology 2), or with <paramref name="subtopology"/> another stats stage's.</summary>
    public void Progress(int partition, long eventTime, int subtopology = 2) =>
        Send(new ReportingRecord { Progress = new StatsProgress($"{subtopology}_{partition}", partition, eventTime, Counting: subtopology == 2) }, $"{subtopology}_{partition}", eventTime);

    /// <summary>Lets the merger's one-second tick run (delivery to the outbox happens there).</summary>
    public void Tick(TimeSpan? by = null) => Driver.AdvanceWallClockTime(by ?? TimeSpan.FromSeconds(1));

    public void Dispose() => Driver.Dispose();

    private void Send(ReportingRecord record, string key, long at) =>
        Driver.PipeRaw(Input, S.String.Serialize(key), ReportingRecordSerde.Instance.Serialize(record), at);
}
