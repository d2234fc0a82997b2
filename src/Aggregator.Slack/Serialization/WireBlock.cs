using System.Text.Json.Serialization;

namespace Aggregator.Slack.Serialization;

/// <summary>
/// Wire form of every block type, flat: properties a type does not use stay null and are not written, which
/// gives exactly Slack's shapes (<c>{"type":"divider"}</c>, <c>{"type":"context","elements":[…]}</c>, …).
/// </summary>
internal sealed class WireBlock
{
    public const string Header = "header";
    public const string Section = "section";
    public const string Context = "context";
    public const string Divider = "divider";

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("text")]
    public WireText? Text { get; init; }

    [JsonPropertyName("fields")]
    public List<WireText>? Fields { get; init; }

    [JsonPropertyName("elements")]
    public List<WireText>? Elements { get; init; }
}
