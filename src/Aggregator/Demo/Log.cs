using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Aggregator.Demo;

/// <summary>The generator's log messages (event ids 9000-9099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information,
        Message = "Generating to {Topic} on {BootstrapServers}: {Rate} events/s (0 = unlimited), {Users} users, seed {Seed}, compression {Compression}; event time from {EventStart:u} at {Speed}x")]
    public static partial void Starting(ILogger logger, string topic, string bootstrapServers, double rate, int users, int seed, string compression, DateTimeOffset eventStart, double speed);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information,
        Message = "Anomaly scheduled: /checkout errors x{Multiplier} in event time {AnomalyStart:u} - {AnomalyEnd:u}")]
    public static partial void AnomalyScheduled(ILogger logger, double multiplier, DateTimeOffset anomalyStart, DateTimeOffset anomalyEnd);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information,
        Message = "generated {Count} events ({Rate}/s), {Errors} delivery errors, event time {EventTime:u}")]
    public static partial void Progress(ILogger logger, long count, long rate, long errors, DateTimeOffset eventTime);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information,
        Message = "Generator finished: {Produced} events in {Elapsed} ({Rate}/s); {Delivered} delivered, {Errors} delivery errors, {Undelivered} undelivered; {Malformed} malformed, {Duplicates} duplicates, {Anomalies} anomaly errors; by type {ByType}; seed {Seed}")]
    public static partial void Finished(
        ILogger logger, long produced, TimeSpan elapsed, long rate, long delivered, long errors, long undelivered,
        long malformed, long duplicates, long anomalies, string byType, int seed);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning,
        Message = "compression.type {Compression} is not available in this librdkafka ({Reason}); producing uncompressed")]
    public static partial void CompressionUnavailable(ILogger logger, string compression, string reason);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Warning,
        Message = "Delivery failed: {Code} {Reason} (logged once per error code; all failures are counted)")]
    public static partial void DeliveryFailed(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Warning, Message = "Producer error {Code}: {Reason} (fatal: {IsFatal})")]
    public static partial void ProducerError(ILogger logger, ErrorCode code, string reason, bool isFatal);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Warning, Message = "Flush timed out after {Timeout}: {Remaining} records left undelivered")]
    public static partial void FlushIncomplete(ILogger logger, TimeSpan timeout, int remaining);

    [LoggerMessage(EventId = 9008, Level = LogLevel.Information, Message = "Published {Count} opt-out records to {Topic}")]
    public static partial void OptOutsPublished(ILogger logger, int count, string topic);

    [LoggerMessage(EventId = 9009, Message = "librdkafka {Facility}: {Message}")]
    public static partial void Librdkafka(ILogger logger, LogLevel level, string facility, string message);

    [LoggerMessage(EventId = 9010, Level = LogLevel.Error, Message = "Stopping the generator after a fatal producer error {Code}: {Reason}")]
    public static partial void StoppingOnFatalError(ILogger logger, ErrorCode code, string reason);
}
