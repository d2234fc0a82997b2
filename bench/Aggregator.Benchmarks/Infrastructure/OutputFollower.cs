using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Reads an output topic from the beginning on a thread of its own while the worker runs, and notes (on the run's
/// clock) the first moment the output was complete: for activity.refined every expected eventId seen, for
/// activity.counts the latest count of every (key, window) equal to the reference and no other window counted.
/// </summary>
internal sealed class OutputFollower : IDisposable
{
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly Stopwatch _clock;
    private readonly Func<ConsumeResult<byte[], byte[]>, bool> _onRecord;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private double _completeAt = double.NaN;
    private bool _disposed;

    private OutputFollower(BenchBroker broker, string topic, Stopwatch clock, Func<ConsumeResult<byte[], byte[]>, bool> onRecord)
    {
        _consumer = broker.CreateReader(topic);
        _clock = clock;
        _onRecord = onRecord;
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-follow" };
        _thread.Start();
    }

    /// <summary>Seconds on the run's clock when the output first was complete; NaN until then.</summary>
    public double CompleteAt => Volatile.Read(ref _completeAt);

    public bool Complete => !double.IsNaN(CompleteAt);

    public long Records { get; private set; }

    /// <summary>Follows activity.refined until every expected eventId was seen; also counts copies and strangers.</summary>
    /// <remarks><c>eventIdOf</c> reads a value's eventId (default: the JSON contract's).</remarks>
    public static OutputFollower Refined(BenchBroker broker, string topic, Stopwatch clock, IReadOnlySet<string> expected, RefinedTally tally, Func<byte[]?, string?>? eventIdOf = null)
    {
        eventIdOf ??= EventIdOf;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return new OutputFollower(broker, topic, clock, result =>
        {
            var id = eventIdOf(result.Message.Value);
            if (id is null || !expected.Contains(id))
            {
                tally.Unexpected++;
            }
            else if (!seen.Add(id))
            {
                tally.Copies++;
            }

            tally.Seen = seen.Count;
            return seen.Count == expected.Count;
        });
    }

    /// <summary>
    /// Hands each record's eventId (null without one) to <paramref name="onEventId"/> on the follower's thread right
    /// after it is consumed, so the callback can time its arrival; complete once the callback returns true.
    /// </summary>
    public static OutputFollower EventIds(BenchBroker broker, string topic, Stopwatch clock, Func<string?, bool> onEventId) =>
        new(broker, topic, clock, result => onEventId(EventIdOf(result.Message.Value)));

    /// <summary>Follows activity.counts until the latest count of every window equals the reference.</summary>
    /// <remarks><c>countOf</c> reads a record's "key@windowStart" and count (default: the JSON contract's).</remarks>
    public static OutputFollower Counts(BenchBroker broker, string topic, Stopwatch clock, CountsTally tally, Func<byte[], byte[]?, (string Key, long Count)>? countOf = null)
    {
        countOf ??= CountOf;
        var reference = tally.Reference;
        var wrong = reference.Count; // windows whose latest count differs from the reference (all, before any record)
        tally.Wrong = wrong;
        return new OutputFollower(broker, topic, clock, result =>
        {
            var (key, count) = countOf(result.Message.Key, result.Message.Value);
            var truth = reference.GetValueOrDefault(key);
            var before = tally.Latest.GetValueOrDefault(key);
            tally.Latest[key] = count;
            wrong += (before == truth ? 1 : 0) - (count == truth ? 1 : 0);
            tally.Wrong = wrong;
            return wrong == 0;
        });
    }

    /// <summary>Stops the reader; once it returns, the callback runs no more (safe to call twice).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            var result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            Records++;
            if (_onRecord(result) && !Complete)
            {
                Volatile.Write(ref _completeAt, _clock.Elapsed.TotalSeconds);
            }
        }
    }

    private static string? EventIdOf(byte[]? value)
    {
        if (value is null)
        {
            return null;
        }

        var reader = new Utf8JsonReader(value);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("eventId"u8))
                {
                    reader.Read();
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static (string Key, long Count) CountOf(byte[] key, byte[]? value)
    {
        using var json = JsonDocument.Parse(key);
        var countKey = json.RootElement.GetProperty("key").GetString();
        var start = json.RootElement.GetProperty("windowStart").GetString();
        long count = 0;
        if (value is not null)
        {
            using var v = JsonDocument.Parse(value);
            count = v.RootElement.GetProperty("count").GetInt64();
        }

        return (new StringBuilder(countKey).Append('@').Append(start).ToString(), count);
    }
}

/// <summary>What the refined follower saw (read after it stopped).</summary>
internal sealed class RefinedTally
{
    public int Seen { get; set; }

    public long Copies { get; set; }

    public long Unexpected { get; set; }
}

/// <summary>What the counts follower saw (read after it stopped).</summary>
internal sealed class CountsTally(Dictionary<string, long> reference)
{
    public Dictionary<string, long> Reference { get; } = reference;

    public Dictionary<string, long> Latest { get; } = new(StringComparer.Ordinal);

    public int Wrong { get; set; }

    /// <summary>A few windows that differ, as "key: seen/reference", for a problem report.</summary>
    public string Examples() => string.Join(", ", Reference.Keys.Union(Latest.Keys)
        .Where(k => Latest.GetValueOrDefault(k) != Reference.GetValueOrDefault(k))
        .Take(4)
        .Select(k => $"{k}: {Latest.GetValueOrDefault(k)}/{Reference.GetValueOrDefault(k)}"));

    /// <summary>Windows counted higher than the reference (at-least-once replays may only add) and lower (lost or late-dropped).</summary>
    public (int Over, int Under, long MissingEvents) Differences()
    {
        int over = 0, under = 0;
        long missing = 0;
        foreach (var key in Reference.Keys.Union(Latest.Keys))
        {
            var truth = Reference.GetValueOrDefault(key);
            var seen = Latest.GetValueOrDefault(key);
            if (seen > truth)
            {
                over++;
            }
            else if (seen < truth)
            {
                under++;
                missing += truth - seen;
            }
        }

        return (over, under, missing);
    }
}
