using Aggregator.Slack.BlockKit;

namespace Aggregator.Slack;

/// <summary>
/// One message to post: a stable de-duplication <see cref="Id"/>, the <see cref="Kind"/> that picks the webhook,
/// a plain-text fallback (<see cref="Text"/>, shown in notifications) and Block Kit <see cref="Blocks"/>.
/// Immutable; the limits Slack enforces are applied on construction, so every instance can be posted.
/// Build one with <see cref="SlackMessageBuilder"/>.
/// </summary>
public sealed class SlackMessage
{
    public SlackMessage(string id, SlackMessageKind kind, string text, IEnumerable<SlackBlock>? blocks = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown message kind.");
        }

        Id = id;
        Kind = kind;
        Text = BlockKitLimits.Truncate(text, BlockKitLimits.FallbackText);
        Blocks = LimitBlocks(blocks?.ToList() ?? []);
    }

    /// <summary>Chosen by the caller and stable across retries and restarts, e.g. <c>summary:2026-11-21T10:00Z</c>.</summary>
    public string Id { get; }

    public SlackMessageKind Kind { get; }

    /// <summary>The plain-text fallback used in notifications and by clients that cannot show blocks.</summary>
    public string Text { get; }

    public IReadOnlyList<SlackBlock> Blocks { get; }

    public override string ToString() => $"{Kind} message {Id}";

    private static SlackBlock[] LimitBlocks(List<SlackBlock> blocks)
    {
        foreach (var block in blocks)
        {
            ArgumentNullException.ThrowIfNull(block, nameof(blocks));
        }

        if (blocks.Count <= BlockKitLimits.BlocksPerMessage)
        {
            return [.. blocks];
        }

        // Keep the head of the message (header, totals) and say what was cut rather than failing the post.
        var kept = BlockKitLimits.BlocksPerMessage - 1;
        var marker = new ContextBlock([SlackText.Markdown(BlockKitLimits.MoreItems(blocks.Count - kept))]);
        return [.. blocks.Take(kept), marker];
    }
}
