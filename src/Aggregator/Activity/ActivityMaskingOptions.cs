using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Activity;

/// <summary>What the refiner strips for privacy. Bound from <c>Activity:Masking</c>.</summary>
internal sealed class ActivityMaskingOptions : IValidatableObject
{
    public const string SectionName = "Activity:Masking";

    /// <summary>The query parameters removed from <c>page.query</c> when none are configured.</summary>
    public static IReadOnlyList<string> DefaultSensitiveQueryParameters { get; } =
    [
        "email", "e-mail", "token", "access_token", "id_token", "refresh_token", "password", "passwd", "pwd",
        "secret", "api_key", "apikey", "key", "auth", "session", "sessionid", "ssn", "phone", "card", "cc",
    ];

    /// <summary>
    /// Query parameter names (case-insensitive) removed from <c>page.query</c>. Null means
    /// <see cref="DefaultSensitiveQueryParameters"/>; a configured list replaces the defaults rather than
    /// adding to them. It is null by default because the configuration binder appends to a pre-filled
    /// collection, which would make the defaults impossible to narrow.
    /// </summary>
    public string[]? SensitiveQueryParameters { get; set; }

    public IReadOnlyList<string> EffectiveSensitiveQueryParameters =>
        SensitiveQueryParameters ?? DefaultSensitiveQueryParameters;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var name in EffectiveSensitiveQueryParameters)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                yield return new ValidationResult(
                    "Activity:Masking:SensitiveQueryParameters must not contain empty names.",
                    [nameof(SensitiveQueryParameters)]);
                yield break;
            }
        }
    }
}

[OptionsValidator]
internal sealed partial class ActivityMaskingOptionsValidator : IValidateOptions<ActivityMaskingOptions>;
