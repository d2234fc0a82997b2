namespace Aggregator.Slack.Delivery;

/// <summary>
/// What the handlers may know about a request. They must not log the request URI (it is the secret), so the
/// webhook client tags each request with the message's kind and id instead, and with when the send started
/// (the retry strategy's <see cref="SlackOptions.MaxTotalTime"/> budget counts from there).
/// </summary>
internal static class SlackRequestOptions
{
    public static readonly HttpRequestOptionsKey<SlackMessageKind> Kind = new("Aggregator.Slack.Kind");
    public static readonly HttpRequestOptionsKey<string> MessageId = new("Aggregator.Slack.MessageId");

    /// <summary><see cref="TimeProvider.GetTimestamp"/> when the send started.</summary>
    public static readonly HttpRequestOptionsKey<long> Started = new("Aggregator.Slack.Started");

    /// <summary>Set when the <see cref="SlackOptions.MaxTotalTime"/> budget ran out, to tell it from a slow attempt.</summary>
    public static readonly HttpRequestOptionsKey<bool> OutOfTime = new("Aggregator.Slack.OutOfTime");

    public static (string Kind, string Id) Describe(HttpRequestMessage? request) => (
        request is not null && request.Options.TryGetValue(Kind, out var kind) ? kind.ToString() : "unknown",
        request is not null && request.Options.TryGetValue(MessageId, out var id) ? id : "unknown");
}
