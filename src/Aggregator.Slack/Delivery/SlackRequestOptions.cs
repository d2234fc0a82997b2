namespace Aggregator.Slack.Delivery;

/// <summary>
/// What the handlers may say about a request in logs. They must not log the request URI (it is the secret), so
/// the webhook client tags each request with the message's kind and id instead.
/// </summary>
internal static class SlackRequestOptions
{
    public static readonly HttpRequestOptionsKey<SlackMessageKind> Kind = new("Aggregator.Slack.Kind");
    public static readonly HttpRequestOptionsKey<string> MessageId = new("Aggregator.Slack.MessageId");

    public static (string Kind, string Id) Describe(HttpRequestMessage request) => (
        request.Options.TryGetValue(Kind, out var kind) ? kind.ToString() : "unknown",
        request.Options.TryGetValue(MessageId, out var id) ? id : "unknown");
}
