using Aggregator.Slack.Sinks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Slack.Delivery;

/// <summary>
/// The <see cref="ISlackSender"/> the application gets: routes a message to its kind's webhook, or to the log
/// when that kind has none, then copies delivered messages to the file sink if one is configured.
/// </summary>
internal sealed class SlackDispatcher(
    SlackWebhookClient webhook,
    SlackLogSink log,
    SlackFileSink file,
    IOptions<SlackOptions> options,
    ILogger<SlackDispatcher> logger) : ISlackSender
{
    public async Task<SlackDeliveryResult> SendAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ISlackSender primary = options.Value.WebhookFor(message.Kind) is null ? log : webhook;
        var result = await primary.SendAsync(message, cancellationToken);

        // Only delivered messages are copied, so the file holds each id once however often the outbox retried.
        // A file failure is logged, not returned: reporting it as transient would make the outbox post to
        // Slack again, and a duplicate in the channel is worse than a gap in a local copy.
        if (result.IsDelivered && options.Value.HasFileSink)
        {
            var copy = await file.SendAsync(message, cancellationToken);
            if (!copy.IsDelivered)
            {
                Log.FileSinkFailed(logger, message.Kind, message.Id, copy.Reason);
            }
        }

        return result;
    }
}
