using System.Net;

namespace Aggregator.Slack.Delivery;

internal static class SlackHttpStatus
{
    /// <summary>
    /// 408, 429 and 5xx may succeed later. Every other 4xx is Slack refusing this message or this webhook
    /// (400 invalid_blocks, 403 action_prohibited, 404 no_service, 410 channel_is_archived): retrying cannot help.
    /// </summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
