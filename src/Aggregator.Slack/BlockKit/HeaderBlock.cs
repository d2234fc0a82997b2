namespace Aggregator.Slack.BlockKit;

/// <summary>A <c>header</c> block: large bold plain text, at most 150 characters (longer text is truncated).</summary>
public sealed class HeaderBlock : SlackBlock
{
    public HeaderBlock(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = BlockKitLimits.Truncate(text, BlockKitLimits.HeaderText);
    }

    public string Text { get; }
}
