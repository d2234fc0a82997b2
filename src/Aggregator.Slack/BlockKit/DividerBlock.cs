namespace Aggregator.Slack.BlockKit;

/// <summary>A <c>divider</c> block: a horizontal rule.</summary>
public sealed class DividerBlock : SlackBlock
{
}
