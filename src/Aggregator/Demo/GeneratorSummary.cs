namespace Aggregator.Demo;

/// <summary>What a generator run produced, returned by <see cref="TrafficProducer.RunAsync"/>.</summary>
/// <param name="Seed">The seed used (repeat the run with it).</param>
/// <param name="Produced">Records handed to the producer.</param>
/// <param name="Delivered">Records the broker acknowledged.</param>
/// <param name="DeliveryErrors">Records whose delivery failed (delivery reports and immediate rejections).</param>
/// <param name="Undelivered">Records still queued when the bounded final flush gave up.</param>
/// <param name="Malformed">Records that break the contract on purpose.</param>
/// <param name="Duplicates">Byte-identical resends.</param>
/// <param name="AnomalyEvents">/checkout errors injected by the anomaly burst.</param>
/// <param name="ByType">Valid (non-malformed) records by event type, duplicates included.</param>
/// <param name="Elapsed">Wall-clock time of the run, flush included.</param>
/// <param name="FirstEventTime">Earliest event time written.</param>
/// <param name="LastEventTime">Latest event time written.</param>
/// <param name="Compression">The compression.type actually used.</param>
internal sealed record GeneratorSummary(
    int Seed,
    long Produced,
    long Delivered,
    long DeliveryErrors,
    long Undelivered,
    long Malformed,
    long Duplicates,
    long AnomalyEvents,
    IReadOnlyDictionary<string, long> ByType,
    TimeSpan Elapsed,
    DateTimeOffset? FirstEventTime,
    DateTimeOffset? LastEventTime,
    string Compression)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Produced / Elapsed.TotalSeconds : 0;
}
