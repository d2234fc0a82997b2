namespace Aggregator.Slack.BlockKit;

/// <summary>
/// A <c>context</c> block: a line of small, grey text elements (at most 10; further ones are replaced by a
/// "… N more" element). Suits "window 10:00–10:10 UTC · generated 10:10:03".
/// </summary>
public sealed class ContextBlock : SlackBlock
{
    public ContextBlock(IEnumerable<SlackText> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var all = elements.ToList();
        if (all.Count == 0)
        {
            throw new ArgumentException("A context block needs at least one element.", nameof(elements));
        }

        if (all.Count > BlockKitLimits.ContextElements)
        {
            var kept = BlockKitLimits.ContextElements - 1;
            all = [.. all.Take(kept), SlackText.Markdown(BlockKitLimits.MoreItems(all.Count - kept))];
        }

        Elements = [.. all.Select(e => e.Truncate(BlockKitLimits.ContextElementText))];
    }

    public IReadOnlyList<SlackText> Elements { get; }
}
