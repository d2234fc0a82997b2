namespace Aggregator.Slack.BlockKit;

/// <summary>
/// A Block Kit layout block. The hierarchy is closed (header, section, context, divider): enough for reports
/// and alarms, and every block that exists can be serialized, rendered as text and kept within Slack's limits.
/// Blocks are immutable and enforce the limits when constructed.
/// </summary>
public abstract class SlackBlock
{
    private protected SlackBlock()
    {
    }
}
