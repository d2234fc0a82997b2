using Microsoft.Extensions.Logging;

namespace Aggregator.Slack.Delivery;

// Never log a request URI or an HttpRequestMessage here: the webhook URL is the secret. Kind and id identify
// the message; the reasons passed in are already redacted.
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Slack accepted {Kind} message {MessageId}")]
    public static partial void Delivered(ILogger logger, SlackMessageKind kind, string messageId);

    [LoggerMessage(2, LogLevel.Warning, "Slack {Kind} message {MessageId} not delivered yet, the caller should retry later: {Reason}")]
    public static partial void TransientFailure(ILogger logger, SlackMessageKind kind, string messageId, string? reason);

    [LoggerMessage(3, LogLevel.Error, "Slack refused {Kind} message {MessageId} permanently: {Reason}")]
    public static partial void PermanentFailure(ILogger logger, SlackMessageKind kind, string messageId, string? reason);

    [LoggerMessage(4, LogLevel.Information, "Slack {Kind} message {MessageId}: attempt {Attempt} failed ({Outcome}), retrying in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, string kind, string messageId, int attempt, string outcome, double delayMs);

    [LoggerMessage(5, LogLevel.Information, "Slack {Kind} message {MessageId}: attempt {Attempt} failed ({Outcome}), not retrying: {Why}")]
    public static partial void RetriesStopped(ILogger logger, string kind, string messageId, int attempt, string outcome, string why);

    [LoggerMessage(6, LogLevel.Warning, "Slack {Kind} message {MessageId} was delivered but not written to the file sink: {Reason}")]
    public static partial void FileSinkFailed(ILogger logger, SlackMessageKind kind, string messageId, string? reason);
}
