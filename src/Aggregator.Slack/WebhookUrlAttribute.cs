using System.ComponentModel.DataAnnotations;

namespace Aggregator.Slack;

/// <summary>
/// An absolute https URL, or http to a loopback host (a local test server). The error names the option but never
/// echoes its value: validation errors end up in startup logs, and the value is a secret.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class WebhookUrlAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var name = validationContext.MemberName ?? validationContext.DisplayName;
        var text = value as string;
        if (string.IsNullOrWhiteSpace(text))
        {
            return ValidationResult.Success; // not configured: that kind goes to the log
        }

        return SlackOptions.ParseWebhook(text) switch
        {
            { } url when IsAllowed(url) => ValidationResult.Success,
            _ => new ValidationResult(
                $"{name} must be an absolute https:// URL (http:// is allowed only to a loopback host); "
                + "the configured value is not shown because webhook URLs are secrets.",
                [name]),
        };
    }

    private static bool IsAllowed(Uri url) =>
        url.IsAbsoluteUri
        && string.IsNullOrEmpty(url.UserInfo)
        && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
}
