using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Activity;

/// <summary>How refined events are grouped for windowed counts. Bound from <c>Counts</c>.</summary>
internal sealed class CountingOptions : IValidatableObject
{
    public const string SectionName = "Counts";

    /// <summary>
    /// Comma-separated dimensions forming the counting key, from <see cref="CountDimensions.Names"/>:
    /// type, path, host, deviceClass, browser, os, referrerHost.
    /// </summary>
    [Required]
    public string GroupBy { get; set; } = "type,path";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CountDimensions.TryParse(GroupBy, out _, out var error))
        {
            yield return new ValidationResult(error, [nameof(GroupBy)]);
        }
    }
}

[OptionsValidator]
internal sealed partial class CountingOptionsValidator : IValidateOptions<CountingOptions>;
