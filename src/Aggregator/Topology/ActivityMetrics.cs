using System.Diagnostics.Metrics;

namespace Aggregator.Topology;

/// <summary>
/// The application's own counters (meter "Aggregator"; names in docs/metrics.md), plus running totals for the
/// status line. Thread-safe: several stream threads record concurrently.
/// </summary>
internal sealed class ActivityMetrics : IDisposable
{
    public const string MeterName = "Aggregator";
    private readonly Meter _meter;
    private readonly Counter<long> _refined;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _optedOut;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _deadLettersWithheld;
    private readonly Counter<long> _propertiesDropped;
    private readonly Counter<long> _erasureNotices;
    private long _refinedTotal;
    private long _deadLetteredTotal;
    private long _optedOutTotal;
    private long _duplicatesTotal;
    private long _replayedTotal;

    public ActivityMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _refined = _meter.CreateCounter<long>("aggregator.events.refined", description: "Events written to the refined topic.");
        _deadLettered = _meter.CreateCounter<long>("aggregator.events.dead_lettered", description: "Raw records sent to the dead-letter topic, by reason.");
        _optedOut = _meter.CreateCounter<long>("aggregator.events.opted_out", description: "Events dropped because their user opted out of tracking.");
        _duplicates = _meter.CreateCounter<long>("aggregator.events.duplicates", description: "Resent events recognised by eventId and dropped.");
        _deadLettersWithheld = _meter.CreateCounter<long>("aggregator.events.dead_letters_withheld", description: "Rejected records not written to the dead-letter topic because they name an opted-out identity (also counted as dead-lettered).");
        _propertiesDropped = _meter.CreateCounter<long>("aggregator.events.properties_dropped", description: "Event properties removed because they are not in Privacy:AllowedProperties.");
        _erasureNotices = _meter.CreateCounter<long>("aggregator.privacy.erasure_notices", description: "Erasure notices published to privacy.erasures (one per identity that opted out).");
        // Observed from the running total, so it is exported from the start: no replays is news after a restart too.
        _meter.CreateObservableCounter("aggregator.events.replayed", () => Replayed, description: "Events read again from the same raw position after a crash (at-least-once) and let through dedup again.");
    }

    public Meter Meter => _meter;

    public long Refined => Interlocked.Read(ref _refinedTotal);

    public long DeadLettered => Interlocked.Read(ref _deadLetteredTotal);

    public long OptedOut => Interlocked.Read(ref _optedOutTotal);

    public long Duplicates => Interlocked.Read(ref _duplicatesTotal);

    public long Replayed => Interlocked.Read(ref _replayedTotal);

    public void RecordRefined()
    {
        Interlocked.Increment(ref _refinedTotal);
        _refined.Add(1);
    }

    public void RecordDeadLettered(string reason)
    {
        Interlocked.Increment(ref _deadLetteredTotal);
        _deadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    public void RecordOptedOut()
    {
        Interlocked.Increment(ref _optedOutTotal);
        _optedOut.Add(1);
    }

    public void RecordDeadLetterWithheld() => _deadLettersWithheld.Add(1);

    public void RecordPropertiesDropped(int count) => _propertiesDropped.Add(count);

    public void RecordErasureNotice() => _erasureNotices.Add(1);

    public void RecordDuplicate()
    {
        Interlocked.Increment(ref _duplicatesTotal);
        _duplicates.Add(1);
    }

    public void RecordReplayed()
    {
        Interlocked.Increment(ref _replayedTotal);
    }

    public void Dispose() => _meter.Dispose();
}
