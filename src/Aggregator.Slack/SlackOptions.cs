using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Aggregator.Slack;

/// <summary>
/// Configuration section <c>Slack</c>. A kind without a webhook is written to the log instead (the demo).
/// Webhook URLs are secrets (whoever holds one can post to the channel): they are never logged, never put in
/// exception messages or delivery results, and <see cref="ToString"/> redacts them.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    // The URLs are strings, not Uri, on purpose: when the configuration binder fails to convert a value it puts
    // the value in its exception message, which would print a malformed (but still secret) URL at startup.
    // Binding a string cannot fail; WebhookUrlAttribute parses it and names only the key.

    /// <summary>Incoming webhook for <see cref="SlackMessageKind.Summary"/> messages; absolute https URL.</summary>
    [WebhookUrl]
    public string? SummaryWebhookUrl { get; set; }

    /// <summary>Incoming webhook for <see cref="SlackMessageKind.Alarm"/> messages; absolute https URL.</summary>
    [WebhookUrl]
    public string? AlarmWebhookUrl { get; set; }

    /// <summary>Optional path of a JSON-lines file receiving a copy of every delivered message.</summary>
    public string? FileSink { get; set; }

    /// <summary>Per webhook. Slack documents about one message per second per webhook and answers 429 beyond.</summary>
    [Range(0.01, 50)]
    public double MaxMessagesPerSecond { get; set; } = 1;

    /// <summary>HTTP attempts per <see cref="ISlackSender.SendAsync"/> call, the first included.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First backoff step; step n waits a random time in [0, BaseRetryDelay·2ⁿ⁻¹], capped by MaxRetryDelay.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest single wait between attempts. A <c>Retry-After</c> longer than this is not waited out: the send
    /// returns a transient failure carrying the hint, and the caller's outbox waits instead of a held request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one HTTP attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bound on one send, waits and retries included, so the caller gets a transient failure in time to move on.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxTotalTime { get; set; } = TimeSpan.FromSeconds(30);

    internal bool HasFileSink => !string.IsNullOrWhiteSpace(FileSink);

    /// <summary>The kind's webhook, or null when none is configured (blank counts as none).</summary>
    internal Uri? WebhookFor(SlackMessageKind kind) => ParseWebhook(kind switch
    {
        SlackMessageKind.Summary => SummaryWebhookUrl,
        SlackMessageKind.Alarm => AlarmWebhookUrl,
        _ => null,
    });

    internal static Uri? ParseWebhook(string? value) =>
        !string.IsNullOrWhiteSpace(value) && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) ? url : null;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{nameof(SummaryWebhookUrl)}={Redacted(SummaryWebhookUrl)}, {nameof(AlarmWebhookUrl)}={Redacted(AlarmWebhookUrl)}, "
        + $"{nameof(FileSink)}={FileSink ?? "(none)"}, {nameof(MaxMessagesPerSecond)}={MaxMessagesPerSecond}, "
        + $"{nameof(MaxAttempts)}={MaxAttempts}, {nameof(BaseRetryDelay)}={BaseRetryDelay}, "
        + $"{nameof(MaxRetryDelay)}={MaxRetryDelay}, {nameof(RequestTimeout)}={RequestTimeout}, "
        + $"{nameof(MaxTotalTime)}={MaxTotalTime}");

    // Scheme and host say which service is configured; the path is the secret.
    private static string Redacted(string? value) => (string.IsNullOrWhiteSpace(value), ParseWebhook(value)) switch
    {
        (true, _) => "(none)",
        (_, { } url) => $"{url.Scheme}://{url.Host}/[redacted]",
        _ => "[redacted]",
    };
}
