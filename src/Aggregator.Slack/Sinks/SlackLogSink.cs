using Microsoft.Extensions.Logging;

namespace Aggregator.Slack.Sinks;

/// <summary>
/// Writes the message, rendered by <see cref="SlackTextRenderer"/>, to the log at Information: where messages of
/// a kind without a webhook go, so the demo shows its reports and alarms on the console.
/// </summary>
internal sealed class SlackLogSink(ILogger<SlackLogSink> logger) : ISlackSender
{
    public Task<SlackDeliveryResult> SendAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        Log.MessageRendered(logger, message.Kind, message.Id, SlackTextRenderer.Render(message));
        return Task.FromResult(SlackDeliveryResult.Delivered);
    }
}
