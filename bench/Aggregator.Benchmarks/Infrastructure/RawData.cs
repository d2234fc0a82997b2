using Aggregator.Demo;
using Aggregator.Streams.Testing;
using Confluent.Kafka;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Realistic raw activity from the app's own generator (0.5 % malformed, 1 % duplicates, ~5000 users),
/// generated once in memory with event time spread over the last 40 minutes, then produced to a topic so
/// every measurement of a run reads the same bytes.
/// </summary>
internal sealed class RawData
{
    private RawData(IReadOnlyList<GeneratedRecord> records) => Records = records;

    public IReadOnlyList<GeneratedRecord> Records { get; }

    public int Count => Records.Count;

    /// <summary>Records that must reach activity.refined: valid, not a resend, user not opted out.</summary>
    public long ExpectedRefined => Records.Count(r => !r.Truth.IsMalformed && !r.Truth.IsDuplicate && !r.Truth.IsOptedOut);

    public long Bytes => Records.Sum(r => (long)r.Value.Length + (r.Key?.Length ?? 0));

    public static RawData Generate(int events, int seed = 42, double malformedRatio = 0.005, double duplicateRatio = 0.01)
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(-2);
        var span = TimeSpan.FromMinutes(40);
        var time = new ManualTimeProvider(end - span);
        var clock = new ReplayClock(time, 1, TimeSpan.Zero);
        var generator = new ActivityGenerator(
            new GeneratorOptions { BootstrapServers = "unused", Users = 5000, MalformedRatio = malformedRatio, DuplicateRatio = duplicateRatio },
            seed,
            clock);
        var step = span / events;
        var records = new List<GeneratedRecord>(events);
        for (var i = 0; i < events; i++)
        {
            time.Advance(step);
            records.Add(generator.Next());
        }

        return new RawData(records);
    }

    /// <summary>Produces every record (Kafka timestamp = event time) and checks the broker kept all of them.</summary>
    public void ProduceTo(BenchKafka kafka, string topic)
    {
        using var producer = kafka.CreateInputProducer(lingerMs: 20);
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
        var kept = kafka.HighWatermarks(topic) - kafka.LowWatermarks(topic);
        if (kept != Count)
        {
            throw new InvalidOperationException(
                $"the embedded broker kept {kept} of {Count} records in {topic} (it holds ~5 MB per partition): use fewer --events");
        }
    }
}
