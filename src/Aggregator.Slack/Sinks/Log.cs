using Microsoft.Extensions.Logging;

namespace Aggregator.Slack.Sinks;

internal static partial class Log
{
    // The rendered message goes on its own lines after the prefix so the console shows it as Slack would.
    [LoggerMessage(101, LogLevel.Information, "Slack {Kind} message {MessageId} (no webhook configured):\n{Rendered}")]
    public static partial void MessageRendered(ILogger logger, SlackMessageKind kind, string messageId, string rendered);

    [LoggerMessage(102, LogLevel.Debug, "Slack {Kind} message {MessageId} appended to {Path}")]
    public static partial void MessageWritten(ILogger logger, SlackMessageKind kind, string messageId, string path);
}
