namespace Aggregator.Slack.Delivery;

/// <summary>
/// Removes a webhook URL, or any long segment of its path (the token), from text that is about to leave this
/// library in a result or a log: exception messages and response bodies are not ours, so they are not trusted
/// to leave the secret out.
/// </summary>
internal static class SecretRedactor
{
    public const string Placeholder = "[redacted]";

    // Shorter segments ("services") are not secret and would garble the text if replaced.
    private const int MinSecretSegmentLength = 9;

    public static string Redact(string text, Uri webhook)
    {
        var secrets = new[] { webhook.OriginalString, webhook.AbsoluteUri, webhook.PathAndQuery }
            .Concat(webhook.AbsolutePath.Split('/'))
            .Where(s => s.Length >= MinSecretSegmentLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length);
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Placeholder, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
