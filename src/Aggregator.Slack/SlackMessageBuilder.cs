using Aggregator.Slack.BlockKit;

namespace Aggregator.Slack;

/// <summary>
/// Fluent helper for the common shapes of a report or an alarm:
/// <code>
/// var message = new SlackMessageBuilder("alarm:errors:2026-11-21T10:10Z", SlackMessageKind.Alarm)
///     .Header("🚨 Error rate above threshold")
///     .Section("*312* errors in 10 minutes (threshold *100*)")
///     .Fields(("Service", "checkout"), ("Window", "10:00–10:10 UTC"))
///     .Context("aggregator · rule errors-per-10m")
///     .Build();
/// </code>
/// The fallback text defaults to the header (or the first section text) when <see cref="Text"/> is not called.
/// </summary>
public sealed class SlackMessageBuilder
{
    private readonly string _id;
    private readonly SlackMessageKind _kind;
    private readonly List<SlackBlock> _blocks = [];
    private string? _text;

    public SlackMessageBuilder(string id, SlackMessageKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        _id = id;
        _kind = kind;
    }

    /// <summary>Sets the plain-text fallback shown in notifications.</summary>
    public SlackMessageBuilder Text(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        _text = text;
        return this;
    }

    public SlackMessageBuilder Header(string text) => Add(new HeaderBlock(text));

    /// <summary>A section with mrkdwn text (the caller owns the markup).</summary>
    public SlackMessageBuilder Section(string markdown) => Add(new SectionBlock(SlackText.Markdown(markdown)));

    /// <summary>A section with plain text, shown verbatim.</summary>
    public SlackMessageBuilder PlainSection(string text) => Add(new SectionBlock(SlackText.Plain(text)));

    /// <summary>
    /// Label/value fields (see <see cref="SlackText.Field"/>), ten per section: more fields become more sections
    /// instead of being cut.
    /// </summary>
    public SlackMessageBuilder Fields(params IEnumerable<(string Label, string Value)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var chunk in fields.Select(f => SlackText.Field(f.Label, f.Value)).Chunk(BlockKitLimits.FieldsPerSection))
        {
            Add(new SectionBlock(null, chunk));
        }

        return this;
    }

    /// <summary>A context line of mrkdwn elements.</summary>
    public SlackMessageBuilder Context(params IEnumerable<string> markdownElements)
    {
        ArgumentNullException.ThrowIfNull(markdownElements);
        return Add(new ContextBlock(markdownElements.Select(SlackText.Markdown)));
    }

    public SlackMessageBuilder Divider() => Add(new DividerBlock());

    public SlackMessageBuilder Add(SlackBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        _blocks.Add(block);
        return this;
    }

    public SlackMessage Build()
    {
        var text = _text ?? DefaultText()
            ?? throw new InvalidOperationException("Set Text(...) or add a header or section to derive it from.");
        return new SlackMessage(_id, _kind, text, _blocks);
    }

    private string? DefaultText() =>
        _blocks.OfType<HeaderBlock>().Select(h => h.Text).FirstOrDefault()
        ?? _blocks.OfType<SectionBlock>().Select(s => s.Text?.Text).FirstOrDefault(t => t is not null);
}
