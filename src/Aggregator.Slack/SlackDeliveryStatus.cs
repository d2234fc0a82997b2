namespace Aggregator.Slack;

public enum SlackDeliveryStatus
{
    /// <summary>Slack accepted the message (or the configured sink wrote it).</summary>
    Delivered,

    /// <summary>Not delivered yet; sending the same message again later may succeed (5xx, 429, timeout, network).</summary>
    TransientFailure,

    /// <summary>Slack refused the message and will refuse it again (4xx other than 408/429): do not retry.</summary>
    PermanentFailure,
}
