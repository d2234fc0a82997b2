namespace Aggregator.Slack.BlockKit;

/// <summary>Helpers for Slack's mrkdwn dialect.</summary>
public static class SlackMrkdwn
{
    /// <summary>
    /// Escapes the three characters Slack requires escaped in message text (<c>&amp;</c>, <c>&lt;</c>,
    /// <c>&gt;</c>), so a value such as <c>&lt;!channel&gt;</c> from the data cannot ping a channel or forge a link.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny('&', '<', '>') < 0
            ? text
            : text.Replace("&", "&amp;", StringComparison.Ordinal)
                .Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal);
    }
}
