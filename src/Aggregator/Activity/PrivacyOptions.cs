using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Activity;

/// <summary>What the worker keeps of an event beyond the contract's fields. Bound from <c>Privacy</c> (docs/privacy.md).</summary>
internal sealed class PrivacyOptions : IValidatableObject
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// The <c>properties</c> kept when none are configured: measurements and catalogue references that say nothing
    /// about a person. Left out on purpose: <c>query</c> (free text people type, e-mail addresses included),
    /// <c>message</c> (error texts quote input) and <c>orderId</c> (a direct link to the customer's order record).
    /// </summary>
    public static IReadOnlyList<string> DefaultAllowedProperties { get; } =
    [
        "loadTimeMs", "elementId", "results", "productId", "price", "quantity", "amount", "currency", "items", "code", "path",
    ];

    /// <summary>
    /// Dead letters keep the original bytes instead of a masked copy. For deliberate, time-boxed debugging of a
    /// producer only: it stores IP addresses, full user agents and secrets in query strings. Logged at start-up.
    /// </summary>
    public bool DlqKeepRaw { get; set; }

    /// <summary>
    /// Names of the top-level <c>properties</c> kept (case-sensitive, as JSON is); every other property is dropped and
    /// counted. Null means <see cref="DefaultAllowedProperties"/>; a configured list replaces them (the binder would
    /// append to a pre-filled list, making the defaults impossible to narrow). An empty list drops all properties.
    /// </summary>
    public string[]? AllowedProperties { get; set; }

    /// <summary>
    /// How far back an identity's data may be held when it opts out: the start of the range an erasure notice names.
    /// Set it to the longest retention of the topics that keep events (<c>activity.refined</c>, <c>activity.dlq</c>);
    /// the default is Kafka's default retention.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan HeldFor { get; set; } = TimeSpan.FromDays(7);

    public IReadOnlyList<string> EffectiveAllowedProperties => AllowedProperties ?? DefaultAllowedProperties;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EffectiveAllowedProperties.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("Privacy:AllowedProperties must not contain empty names.", [nameof(AllowedProperties)]);
        }
    }
}

[OptionsValidator]
internal sealed partial class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>;
