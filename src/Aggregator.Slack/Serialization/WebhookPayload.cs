using System.Text.Json.Serialization;

namespace Aggregator.Slack.Serialization;

/// <summary>The body of an incoming-webhook POST: <c>{"text":"…","blocks":[…]}</c>.</summary>
internal sealed class WebhookPayload
{
    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("blocks")]
    public List<WireBlock>? Blocks { get; init; }
}
