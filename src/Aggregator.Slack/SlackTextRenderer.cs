using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Aggregator.Slack.BlockKit;

namespace Aggregator.Slack;

/// <summary>
/// Renders a message's blocks as readable multi-line text for a console or a log: what the log sink prints when
/// no webhook is configured (the demo), and the README's examples. For example:
/// <code>
/// Activity summary 10:00–10:10 UTC
/// ================================
/// *1,234* events from *56* users
///   Logins  120  ▁▂▃▅▇█
///   Errors  3
/// » window 10:00–10:10 UTC · aggregator
/// ----------------------------------------
/// </code>
/// mrkdwn emphasis (<c>*bold*</c>) is kept as typed; links and mentions are made readable and entities decoded.
/// Lines end in <c>\n</c> whatever the platform, so output is the same everywhere.
/// </summary>
public static partial class SlackTextRenderer
{
    private const string Divider = "----------------------------------------";
    private const string FieldIndent = "  ";
    private const string FieldGap = "  ";

    public static string Render(SlackMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Blocks.Count == 0)
        {
            return message.Text;
        }

        var output = new StringBuilder();
        foreach (var block in message.Blocks)
        {
            switch (block)
            {
                case HeaderBlock header:
                    AppendLine(output, header.Text);
                    AppendLine(output, new string('=', Math.Max(3, Width(header.Text))));
                    break;
                case SectionBlock section:
                    if (section.Text is not null)
                    {
                        AppendLine(output, Readable(section.Text));
                    }

                    AppendFields(output, section.Fields);
                    break;
                case ContextBlock context:
                    var elements = context.Elements.Select(e => Readable(e).ReplaceLineEndings(" "));
                    AppendLine(output, "» " + string.Join(" · ", elements));
                    break;
                case DividerBlock:
                    AppendLine(output, Divider);
                    break;
            }
        }

        return output.ToString().TrimEnd('\n');
    }

    private static void AppendFields(StringBuilder output, IReadOnlyList<SlackText> fields)
    {
        var parsed = fields.Select(SplitField).ToList();
        var width = parsed.Select(f => f.Label is null ? 0 : Width(f.Label)).DefaultIfEmpty(0).Max();
        foreach (var (label, value) in parsed)
        {
            if (label is null)
            {
                AppendLine(output, FieldIndent + value.ReplaceLineEndings("\n" + FieldIndent));
                continue;
            }

            var continuation = "\n" + new string(' ', FieldIndent.Length + width + FieldGap.Length);
            var padded = label + new string(' ', width - Width(label));
            AppendLine(output, (FieldIndent + padded + FieldGap + value.ReplaceLineEndings(continuation)).TrimEnd());
        }
    }

    // Recognises SlackText.Field's "*label*\nvalue"; any other field is shown whole.
    private static (string? Label, string Value) SplitField(SlackText field)
    {
        var text = field.Text;
        var end = text.IndexOf("*\n", StringComparison.Ordinal);
        if (field.Type == SlackTextType.Markdown && text.StartsWith('*') && end > 1)
        {
            return (Readable(text[1..end]), Readable(text[(end + 2)..]));
        }

        return (null, Readable(field));
    }

    private static string Readable(SlackText text) =>
        text.Type == SlackTextType.PlainText ? text.Text : Readable(text.Text);

    private static string Readable(string markdown) =>
        SlackEscape().Replace(markdown, m => ReadableEscape(m.Groups[1].Value))
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);

    // <https://x|label>, <https://x>, <!here>, <!subteam^ID|@team>, <@U123>, <#C123|general>
    private static string ReadableEscape(string inner)
    {
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        var target = bar < 0 ? inner : inner[..bar];
        var label = bar < 0 ? null : inner[(bar + 1)..];
        return target switch
        {
            ['!', ..] => label ?? "@" + target[1..],
            ['@', ..] => label ?? target,
            ['#', ..] => "#" + (label ?? target[1..]),
            _ => label is null ? target : $"{label} ({target})",
        };
    }

    private static void AppendLine(StringBuilder output, string line) => output.Append(line).Append('\n');

    // Columns on a terminal, per grapheme cluster: emoji (astral pictographs, or anything with the emoji
    // presentation selector U+FE0F) take two, everything else one. Good enough to align labels and underlines.
    private static int Width(string text)
    {
        var width = 0;
        var graphemes = StringInfo.GetTextElementEnumerator(text);
        while (graphemes.MoveNext())
        {
            var grapheme = graphemes.GetTextElement();
            Rune.DecodeFromUtf16(grapheme, out var first, out _); // a lone surrogate decodes as U+FFFD
            var wide = first.Value >= 0x1F000 || grapheme.Contains('\uFE0F', StringComparison.Ordinal);
            width += wide ? 2 : 1;
        }

        return width;
    }

    [GeneratedRegex("<([^<>]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex SlackEscape();
}
