namespace Aggregator.Slack;

/// <summary>
/// Sends one message to wherever its kind is configured to go. Never throws for delivery problems: the result
/// says whether to retry. Throws <see cref="OperationCanceledException"/> when the token is cancelled.
/// </summary>
public interface ISlackSender
{
    /// <summary>
    /// Delivers <paramref name="message"/>, retrying transient HTTP failures a bounded number of times
    /// (see <see cref="SlackOptions.MaxAttempts"/> and <see cref="SlackOptions.MaxTotalTime"/>).
    /// </summary>
    Task<SlackDeliveryResult> SendAsync(SlackMessage message, CancellationToken cancellationToken);
}
