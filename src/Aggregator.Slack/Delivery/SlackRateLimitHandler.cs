using System.Net;

namespace Aggregator.Slack.Delivery;

/// <summary>
/// Waits for the webhook's next free slot before each attempt. It sits inside the retry handler, so retries
/// are paced too (Slack counts every request), and outside the per-attempt timeout, so queueing behind other
/// messages is not mistaken for a slow Slack.
/// </summary>
internal sealed class SlackRateLimitHandler(SlackRateLimiter limiter, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var webhook = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        await limiter.WaitAsync(webhook, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && RetryAfter.From(response, time) is { } wait)
        {
            // Other messages queued for this webhook would only collect 429s of their own until then.
            limiter.Pause(webhook, wait);
        }

        return response;
    }
}
