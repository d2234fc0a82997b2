using System.Collections.Concurrent;
using Aggregator.Streams.Errors;
using Microsoft.Extensions.Logging;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// Applies the configured <see cref="DeserializationErrorMode"/>. Logs the first record of each kind of failure
/// (topic, key/value, exception type) and then only at 10, 100, 1000… occurrences, so a flood of bad input
/// cannot flood the log; the content of records is never logged. Thread-safe (shared with the global thread).
/// </summary>
internal sealed class DeserializationErrorHandler(
    DeserializationErrorMode mode,
    string? deadLetterTopic,
    TimeProvider time,
    ILogger logger)
{
    private readonly ConcurrentDictionary<(string Topic, bool IsKey, string Error), long> _counts = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    /// <summary>Handles one failure; sends to the dead-letter topic through <paramref name="collector"/> when configured.</summary>
    public void Handle(in RawRecord record, bool isKey, Exception error, IRecordCollector? collector = null)
    {
        Interlocked.Increment(ref _total);
        var kind = (record.Topic, isKey, error.GetType().Name);
        var count = _counts.AddOrUpdate(kind, 1, static (_, n) => n + 1);
        if (IsPowerOfTen(count))
        {
            Log.DeserializationFailed(logger, record.Topic, record.Partition, record.Offset, isKey ? "key" : "value", error.GetType().Name, error.Message, count);
        }

        if (mode == DeserializationErrorMode.LogAndFail)
        {
            throw new StreamsException(
                $"Could not deserialize the {(isKey ? "key" : "value")} of {record.Topic}-{record.Partition}@{record.Offset}: {error.Message} " +
                "(Streams:DeserializationErrors is LogAndFail).", error);
        }

        if (deadLetterTopic is not null && collector is not null)
        {
            var headers = DeadLetterHeaders.Create(
                isKey ? "undeserializable_key" : "undeserializable_value", error.Message,
                record.Topic, record.Partition, record.Offset, time.GetUtcNow());
            collector.Send(deadLetterTopic, -1, record.Key, record.Value, headers, record.Timestamp);
        }
    }

    private static bool IsPowerOfTen(long n)
    {
        while (n >= 10 && n % 10 == 0)
        {
            n /= 10;
        }

        return n == 1;
    }
}
