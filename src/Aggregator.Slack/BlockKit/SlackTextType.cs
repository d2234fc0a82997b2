namespace Aggregator.Slack.BlockKit;

/// <summary>The two Block Kit text object types.</summary>
public enum SlackTextType
{
    /// <summary><c>plain_text</c>: shown verbatim; emoji shortcodes are rendered.</summary>
    PlainText,

    /// <summary><c>mrkdwn</c>: Slack's markdown dialect (<c>*bold*</c>, <c>_italic_</c>, <c>&lt;url|label&gt;</c>).</summary>
    Markdown,
}
