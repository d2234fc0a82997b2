using System.Net;

namespace Aggregator.Slack.Delivery;

/// <summary>Reads <c>Retry-After</c>, in either of its forms (delta-seconds or an HTTP date).</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date - time.GetUtcNow());
        return wait is null ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>Only 429 and 503 carry a Retry-After that this client is asked to honour.</summary>
    public static TimeSpan? ForRetry(HttpResponseMessage response, TimeProvider time) =>
        response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            ? From(response, time)
            : null;
}
