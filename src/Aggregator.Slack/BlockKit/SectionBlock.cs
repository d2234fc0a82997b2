namespace Aggregator.Slack.BlockKit;

/// <summary>
/// A <c>section</c> block: a text (≤ 3000 characters) and/or up to 10 fields (≤ 2000 characters each), shown
/// two per row. Over-long texts are truncated; fields beyond the tenth are replaced by a "… N more" field.
/// </summary>
public sealed class SectionBlock : SlackBlock
{
    public SectionBlock(SlackText? text, IEnumerable<SlackText>? fields = null)
    {
        var all = fields?.ToList() ?? [];
        if (text is null && all.Count == 0)
        {
            // Slack rejects a section with neither (invalid_blocks).
            throw new ArgumentException("A section needs a text, fields, or both.", nameof(text));
        }

        Text = text?.Truncate(BlockKitLimits.SectionText);
        Fields = LimitFields(all);
    }

    public SlackText? Text { get; }

    public IReadOnlyList<SlackText> Fields { get; }

    private static SlackText[] LimitFields(List<SlackText> fields)
    {
        if (fields.Count > BlockKitLimits.FieldsPerSection)
        {
            var kept = BlockKitLimits.FieldsPerSection - 1;
            var marker = SlackText.Markdown(BlockKitLimits.MoreItems(fields.Count - kept));
            fields = [.. fields.Take(kept), marker];
        }

        return [.. fields.Select(f => f.Truncate(BlockKitLimits.FieldText))];
    }
}
