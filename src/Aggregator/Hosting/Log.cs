using Microsoft.Extensions.Logging;

namespace Aggregator.Hosting;

/// <summary>Source-generated log messages of the host (event ids 2000–2999).</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Starting {ApplicationId}/{InstanceId} on {Kafka}, {Guarantee}; state in {StateDirectory}")]
    public static partial void Starting(ILogger logger, string applicationId, string instanceId, string kafka, string stateDirectory, string guarantee);

    [LoggerMessage(2005, LogLevel.Information, "Streams instance {From} -> {To}")]
    public static partial void StateChanged(ILogger logger, string from, string to);

    [LoggerMessage(2007, LogLevel.Information, "Kafka client: librdkafka {Version} from {Path}")]
    public static partial void Librdkafka(ILogger logger, string version, string path);

    [LoggerMessage(2004, LogLevel.Warning, "The cluster is the embedded broker, whose transactions are not real: running at-least-once (outputs may repeat after a crash, nothing is lost); real clusters run exactly-once")]
    public static partial void AtLeastOnceOnEmbeddedBroker(ILogger logger);

    [LoggerMessage(2006, LogLevel.Warning, "Skipped a record of {Topic} [{Partition}] at offset {Offset} that could not be deserialized: {Reason}")]
    public static partial void SkippedUndeserializable(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(2008, LogLevel.Warning, "Privacy:DlqKeepRaw is set: dead letters keep the original bytes, unmasked (IP addresses, user agents, query strings, all properties); turn it off when the debugging is done")]
    public static partial void DlqKeepsRaw(ILogger logger);

    [LoggerMessage(2009, LogLevel.Information, "Erasure application {From} -> {To}")]
    public static partial void ErasureStateChanged(ILogger logger, string from, string to);

    [LoggerMessage(2002, LogLevel.Critical, "The streams instance stopped: {Reason}")]
    public static partial void Failed(ILogger logger, string reason);

    [LoggerMessage(2003, LogLevel.Information, "status: {State} | tasks {Tasks} ({Restoring} partitions restoring) | processed {Processed:N0} ({Rate:N0}/s) | refined {Refined:N0} | dlq {DeadLettered:N0} | late {Late:N0} | opted-out {OptedOut:N0} | duplicates {Duplicates:N0} | lag {MaxLag:N0}{LagWhere}")]
    public static partial void Status(ILogger logger, string state, int tasks, int restoring, long processed, double rate, long refined, long deadLettered, long late, long optedOut, long duplicates, long maxLag, string lagWhere);

    [LoggerMessage(2010, LogLevel.Information, "Embedded Kafka broker at {BootstrapServers} with topics {Topics} ({Partitions} partitions each)")]
    public static partial void EmbeddedBroker(ILogger logger, string bootstrapServers, string topics, int partitions);

    [LoggerMessage(2020, LogLevel.Information, "Operations endpoint on http://{Host}:{Port} (/health/live, /health/ready, /metrics, /counts)")]
    public static partial void OperationsEndpoint(ILogger logger, string host, int port);

    [LoggerMessage(2030, LogLevel.Error, "Slack rejected message {MessageId} permanently ({Reason}); it will not be retried")]
    public static partial void SlackRejected(ILogger logger, string messageId, string reason);

    [LoggerMessage(2031, LogLevel.Warning, "Slack delivery of {MessageId} failed ({Reason}); retrying in {Seconds:F0} s")]
    public static partial void SlackRetrying(ILogger logger, string messageId, string reason, double seconds);

    [LoggerMessage(2040, LogLevel.Debug, "Could not sample the group's lag: {Reason}")]
    public static partial void LagSampleFailed(ILogger logger, string reason);

    [LoggerMessage(2050, LogLevel.Warning, "No Kafka broker has answered since {Since:O} ({Reason}); waiting for the cluster")]
    public static partial void NoBrokerReachable(ILogger logger, DateTimeOffset since, string reason);

    [LoggerMessage(2051, LogLevel.Information, "Kafka brokers reachable again after {Seconds:F0} s")]
    public static partial void BrokersReachableAgain(ILogger logger, double seconds);
}
