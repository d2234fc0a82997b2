using System.Diagnostics;
using Aggregator.Demo;
using Confluent.Kafka;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Produces records at a steady rate, as a fleet of collectors would, instead of all at once: every slice (10 ms) it
/// hands the producer the records due by then (rate × time since the start), and notes for each record the instant
/// (<see cref="Stopwatch.GetTimestamp"/>) it did so — the start of that record's produce → refined latency.
/// </summary>
internal sealed class PacedProducer(IReadOnlyList<GeneratedRecord> records, int rate)
{
    // Small enough that a slice's share (50 records at 5,000/s) leaves as a trickle, not as bursts that queue up behind
    // each other; the due count comes from the clock, so a late wake-up is caught up in the next slice and the rate holds.
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(1);
    private int _sent;
    private long _lastHandedAt;

    /// <summary>Per record (index in the list), the Stopwatch timestamp it was handed to the producer; 0 = not (yet) sent.</summary>
    public long[] HandedAt { get; } = new long[records.Count];

    /// <summary>Records handed to the producer so far (readable from another thread while it runs).</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Stopwatch timestamp of the last record handed over.</summary>
    public long LastHandedAt => Volatile.Read(ref _lastHandedAt);

    /// <summary>
    /// Sends every record, paced from <paramref name="start"/> (a Stopwatch timestamp), on the calling thread; returns once
    /// all are sent and acknowledged, or when <paramref name="cancellation"/> fires.
    /// </summary>
    public void Run(BenchBroker broker, string topic, long start, CancellationToken cancellation)
    {
        using var producer = broker.CreatePromptProducer();
        var next = 0;
        while (next < records.Count && !cancellation.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            var due = (int)Math.Min(records.Count, (long)(elapsed.TotalSeconds * rate));
            while (next < due)
            {
                var record = records[next];
                var message = new Message<byte[]?, byte[]> { Key = record.Key, Value = record.Value, Timestamp = new Timestamp(record.Truth.EventTime) };
                var handedAt = Stopwatch.GetTimestamp();
                Produce(producer, topic, message);
                HandedAt[next] = handedAt;
                Volatile.Write(ref _lastHandedAt, handedAt);
                Volatile.Write(ref _sent, ++next);
            }

            // Sleep to the start of the next slice (none when behind), waking early on cancellation.
            var nextSlice = Slice * (Math.Floor(elapsed / Slice) + 1);
            var wait = nextSlice - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                cancellation.WaitHandle.WaitOne(wait);
            }
        }

        producer.Flush(FlushTimeout);
    }

    private static void Produce(IProducer<byte[]?, byte[]> producer, string topic, Message<byte[]?, byte[]> message)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(QueueFullBackoff);
            }
        }
    }
}
