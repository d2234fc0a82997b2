using System.Diagnostics.Metrics;

namespace Aggregator.Topology;

/// <summary>The application's own counters (meter "Aggregator"); names in docs/metrics.md.</summary>
internal sealed class ActivityMetrics : IDisposable
{
    public const string MeterName = "Aggregator";
    private readonly Meter _meter;

    public ActivityMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Refined = _meter.CreateCounter<long>("aggregator.events.refined", description: "Events written to the refined topic.");
        DeadLettered = _meter.CreateCounter<long>("aggregator.events.dead_lettered", description: "Raw records sent to the dead-letter topic, by reason.");
        OptedOut = _meter.CreateCounter<long>("aggregator.events.opted_out", description: "Events dropped because their user opted out of tracking.");
        Duplicates = _meter.CreateCounter<long>("aggregator.events.duplicates", description: "Resent events recognised by eventId and dropped.");
    }

    public Counter<long> Refined { get; }

    public Counter<long> DeadLettered { get; }

    public Counter<long> OptedOut { get; }

    public Counter<long> Duplicates { get; }

    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
