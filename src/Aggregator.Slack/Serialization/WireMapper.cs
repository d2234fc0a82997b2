using Aggregator.Slack.BlockKit;

namespace Aggregator.Slack.Serialization;

/// <summary>Maps the Block Kit model to its wire form and back; the only place that knows both.</summary>
internal static class WireMapper
{
    public static WebhookPayload ToPayload(SlackMessage message) =>
        new() { Text = message.Text, Blocks = ToWire(message.Blocks) };

    public static MessageRecord ToRecord(SlackMessage message, DateTimeOffset? writtenAt = null) => new()
    {
        Id = message.Id,
        Kind = KindName(message.Kind),
        Text = message.Text,
        Blocks = ToWire(message.Blocks),
        WrittenAt = writtenAt,
    };

    public static SlackMessage FromRecord(MessageRecord record) =>
        new(record.Id, ParseKind(record.Kind), record.Text, record.Blocks?.Select(FromWire));

    public static string KindName(SlackMessageKind kind) => kind switch
    {
        SlackMessageKind.Summary => "summary",
        SlackMessageKind.Alarm => "alarm",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown message kind."),
    };

    private static SlackMessageKind ParseKind(string kind) => kind switch
    {
        "summary" => SlackMessageKind.Summary,
        "alarm" => SlackMessageKind.Alarm,
        _ => throw new FormatException($"Unknown message kind '{kind}'."),
    };

    // Slack rejects an empty "blocks" array on some surfaces; a text-only message simply omits it.
    private static List<WireBlock>? ToWire(IReadOnlyList<SlackBlock> blocks) =>
        blocks.Count == 0 ? null : [.. blocks.Select(ToWire)];

    private static WireBlock ToWire(SlackBlock block) => block switch
    {
        HeaderBlock h => new WireBlock { Type = WireBlock.Header, Text = ToWire(SlackText.Plain(h.Text)) },
        SectionBlock s => new WireBlock
        {
            Type = WireBlock.Section,
            Text = s.Text is null ? null : ToWire(s.Text),
            Fields = s.Fields.Count == 0 ? null : [.. s.Fields.Select(ToWire)],
        },
        ContextBlock c => new WireBlock { Type = WireBlock.Context, Elements = [.. c.Elements.Select(ToWire)] },
        DividerBlock => new WireBlock { Type = WireBlock.Divider },
        _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "Unknown block type."),
    };

    private static WireText ToWire(SlackText text) => text.Type == SlackTextType.PlainText
        ? new WireText { Type = WireText.PlainText, Text = text.Text, Emoji = true }
        : new WireText { Type = WireText.Markdown, Text = text.Text };

    private static SlackBlock FromWire(WireBlock block) => block.Type switch
    {
        WireBlock.Header => new HeaderBlock(Required(block.Text, block.Type).Text),
        WireBlock.Section => new SectionBlock(
            block.Text is null ? null : FromWire(block.Text), block.Fields?.Select(FromWire)),
        WireBlock.Context => new ContextBlock(Required(block.Elements, block.Type).Select(FromWire)),
        WireBlock.Divider => new DividerBlock(),
        _ => throw new FormatException($"Unsupported block type '{block.Type}'."),
    };

    private static SlackText FromWire(WireText text) => text.Type switch
    {
        WireText.PlainText => SlackText.Plain(text.Text),
        WireText.Markdown => SlackText.Markdown(text.Text),
        _ => throw new FormatException($"Unsupported text type '{text.Type}'."),
    };

    private static T Required<T>(T? value, string blockType)
        where T : class =>
        value ?? throw new FormatException($"A '{blockType}' block is missing its content.");
}
