using System.Text.Json.Serialization;

namespace Aggregator.Slack.Serialization;

/// <summary>
/// A whole <see cref="SlackMessage"/> as JSON (<c>{"id","kind","text","blocks"}</c>): the file sink's line format
/// and what an outbox can persist and read back with <see cref="SlackMessageJson"/>.
/// </summary>
internal sealed class MessageRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("blocks")]
    public List<WireBlock>? Blocks { get; init; }

    /// <summary>Set by the file sink only: when the line was written.</summary>
    [JsonPropertyName("written_at")]
    public DateTimeOffset? WrittenAt { get; init; }
}
