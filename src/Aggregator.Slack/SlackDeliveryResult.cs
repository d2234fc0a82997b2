using System.Globalization;

namespace Aggregator.Slack;

/// <summary>
/// The outcome of one <see cref="ISlackSender.SendAsync"/>. <see cref="Reason"/> is safe to log: it holds the HTTP
/// status and Slack's error text (e.g. <c>HTTP 400 Bad Request: invalid_blocks</c>), never the webhook URL.
/// </summary>
public sealed record SlackDeliveryResult
{
    private SlackDeliveryResult(SlackDeliveryStatus status, string? reason, int? httpStatusCode, TimeSpan? retryAfter)
    {
        Status = status;
        Reason = reason;
        HttpStatusCode = httpStatusCode;
        RetryAfter = retryAfter;
    }

    public static SlackDeliveryResult Delivered { get; } = new(SlackDeliveryStatus.Delivered, null, null, null);

    public SlackDeliveryStatus Status { get; }

    public bool IsDelivered => Status == SlackDeliveryStatus.Delivered;

    /// <summary>Why it failed; null when delivered.</summary>
    public string? Reason { get; }

    /// <summary>Slack's HTTP status of the last attempt, when there was a response.</summary>
    public int? HttpStatusCode { get; }

    /// <summary>Slack's <c>Retry-After</c> on a transient failure: wait at least this long before sending again.</summary>
    public TimeSpan? RetryAfter { get; }

    public static SlackDeliveryResult TransientFailure(string reason, int? httpStatusCode = null, TimeSpan? retryAfter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(SlackDeliveryStatus.TransientFailure, reason, httpStatusCode, retryAfter);
    }

    public static SlackDeliveryResult PermanentFailure(string reason, int? httpStatusCode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(SlackDeliveryStatus.PermanentFailure, reason, httpStatusCode, null);
    }

    public override string ToString() => Status switch
    {
        SlackDeliveryStatus.Delivered => "Delivered",
        _ when RetryAfter is { } wait => string.Create(
            CultureInfo.InvariantCulture, $"{Status}: {Reason} (retry after {wait.TotalSeconds:0.###} s)"),
        _ => $"{Status}: {Reason}",
    };
}
