using System.Text.Json.Serialization;

namespace Aggregator.Slack.Serialization;

/// <summary>Wire form of a text object: <c>{"type":"plain_text","text":"…","emoji":true}</c>.</summary>
internal sealed class WireText
{
    public const string PlainText = "plain_text";
    public const string Markdown = "mrkdwn";

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    // Only valid on plain_text (Slack rejects it on mrkdwn), hence nullable and omitted when null.
    [JsonPropertyName("emoji")]
    public bool? Emoji { get; init; }
}
