using Aggregator.Demo;
using Confluent.Kafka;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Realistic raw activity from the app's own generator (0.5 % malformed, 1 % resends, ~5000 users), generated once in
/// memory, so every repeat produces the same bytes.
/// </summary>
internal sealed class RawData
{
    private RawData(IReadOnlyList<GeneratedRecord> records)
    {
        Records = records;
        ExpectedEventIds = records.Where(r => !r.Truth.IsMalformed && !r.Truth.IsOptedOut).Select(EventIdOf).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<GeneratedRecord> Records { get; }

    public int Count => Records.Count;

    /// <summary>The eventIds that must reach activity.refined: valid, not a resend, user not opted out.</summary>
    public IReadOnlySet<string> ExpectedEventIds { get; }

    /// <summary>
    /// The eventId activity.refined must carry for a valid record: its own, or for the ~3 % sent without one the id the
    /// event contract derives from the raw bytes ("gen-" + the first 16 bytes of SHA-256 in lower-case hex), so a
    /// resend of such a record is recognised too.
    /// </summary>
    public static string EventIdOf(GeneratedRecord record) =>
        record.Truth.EventId ?? "gen-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(record.Value).AsSpan(0, 16));

    public long Bytes => Records.Sum(r => (long)r.Value.Length + (r.Key?.Length ?? 0));

    /// <summary>The same records with some values re-encoded (e.g. as Avro); expectations unchanged, so the encoding must keep eventIds.</summary>
    public RawData WithValues(Func<GeneratedRecord, byte[]> encode) => new([.. Records.Select(r => r with { Value = encode(r) })]);

    /// <summary>
    /// <paramref name="events"/> records whose event time spreads over <paramref name="span"/> ending two minutes ago. Valid
    /// records the generator made arrive more than <paramref name="maxDelay"/> after their event time (its offline phones,
    /// resends of older records) are left out: disorder beyond the windows' grace makes Streamiz drop window updates
    /// depending on processing order, which no independent reference can predict.
    /// </summary>
    public static RawData Generate(int events, TimeSpan span, TimeSpan maxDelay, int seed = 42)
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(-2);
        var time = new SteppedTime(end - span);
        var generator = new ActivityGenerator(
            new GeneratorOptions { BootstrapServers = "unused", Users = 5000, MalformedRatio = 0.005, DuplicateRatio = 0.01 },
            seed,
            new ReplayClock(time, 1, TimeSpan.Zero));
        var step = span / events;
        var records = new List<GeneratedRecord>(events);
        while (records.Count < events)
        {
            time.Advance(step);
            var record = generator.Next();
            if (record.Truth.IsMalformed || time.GetUtcNow() - record.Truth.EventTime <= maxDelay)
            {
                records.Add(record);
            }
        }

        return new RawData(records);
    }

    /// <summary>Produces every record at once (Kafka timestamp = event time); returns when all are acknowledged.</summary>
    public void ProduceTo(BenchBroker broker, string topic)
    {
        using var producer = broker.CreateInputProducer();
        foreach (var record in Records)
        {
            var message = new Message<byte[]?, byte[]> { Key = record.Key, Value = record.Value, Timestamp = new Timestamp(record.Truth.EventTime) };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
    }

    /// <summary>Wall time the generator reads: stepped by hand, so generating is not paced by the real clock.</summary>
    private sealed class SteppedTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Advance(TimeSpan step) => _now += step;

        public override DateTimeOffset GetUtcNow() => _now;

        public override long GetTimestamp() => _now.UtcTicks;
    }
}
