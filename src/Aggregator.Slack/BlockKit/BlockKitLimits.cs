using System.Globalization;

namespace Aggregator.Slack.BlockKit;

/// <summary>
/// Block Kit's documented size limits. Slack rejects a whole message (HTTP 400 <c>invalid_blocks</c>) when one
/// block breaks them, and that is a permanent failure: a report would be lost because one label was long.
/// So the model truncates with an ellipsis instead of ever producing such a payload.
/// </summary>
internal static class BlockKitLimits
{
    public const int HeaderText = 150;
    public const int SectionText = 3000;
    public const int FieldText = 2000;
    public const int FieldsPerSection = 10;
    public const int ContextElements = 10;

    // Context elements have no limit of their own; 3000 is the limit of any text object.
    public const int ContextElementText = 3000;
    public const int BlocksPerMessage = 50;

    // The top-level text is the notification fallback. Slack advises at most 4,000 characters (and truncates
    // far beyond that); the blocks carry the full content, so nothing of value is lost by capping it here.
    public const int FallbackText = 4000;

    public const string Ellipsis = "…";

    /// <summary>
    /// Shortens <paramref name="text"/> to at most <paramref name="maxLength"/> UTF-16 code units, ending in "…".
    /// Cuts only between grapheme clusters so an emoji (a surrogate pair, or a ZWJ sequence) is never split
    /// into invalid UTF-16. Counting code units is conservative: Slack counts characters, never more of them.
    /// </summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var budget = maxLength - Ellipsis.Length;
        var keep = 0;
        while (keep < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, keep);
            if (keep + next > budget)
            {
                break;
            }

            keep += next;
        }

        return string.Concat(text.AsSpan(0, keep).TrimEnd(), Ellipsis);
    }

    /// <summary>The marker that replaces items dropped from a list that is over its limit.</summary>
    public static string MoreItems(int dropped) =>
        string.Create(CultureInfo.InvariantCulture, $"{Ellipsis} {dropped} more not shown");
}
