namespace Aggregator.Slack.BlockKit;

/// <summary>A Block Kit text object: <c>{"type":"plain_text"|"mrkdwn","text":"…"}</c>.</summary>
public sealed record SlackText
{
    private SlackText(SlackTextType type, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown text type.");
        }

        Type = type;
        Text = text;
    }

    public SlackTextType Type { get; }

    public string Text { get; }

    /// <summary>Plain text, shown verbatim (emoji shortcodes such as <c>:warning:</c> still render).</summary>
    public static SlackText Plain(string text) => new(SlackTextType.PlainText, text);

    /// <summary>
    /// Slack mrkdwn. The caller owns the markup: escape untrusted values with <see cref="SlackMrkdwn.Escape"/>.
    /// </summary>
    public static SlackText Markdown(string text) => new(SlackTextType.Markdown, text);

    /// <summary>
    /// A section field laid out the way Slack's own apps do: the label in bold on the first line, the value
    /// below (<c>*label*\nvalue</c>). <see cref="SlackTextRenderer"/> recognises this shape as <c>label  value</c>.
    /// Both parts are escaped, so data can be passed as is.
    /// </summary>
    public static SlackText Field(string label, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(value);
        return Markdown($"*{SlackMrkdwn.Escape(label)}*\n{SlackMrkdwn.Escape(value)}");
    }

    internal static SlackText Create(SlackTextType type, string text) => new(type, text);

    internal SlackText Truncate(int maxLength) =>
        Text.Length <= maxLength ? this : new SlackText(Type, BlockKitLimits.Truncate(Text, maxLength));
}
