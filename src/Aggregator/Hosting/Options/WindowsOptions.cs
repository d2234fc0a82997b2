using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Options;

/// <summary>The hopping windows of the counts. Bound from <c>Windows</c>.</summary>
internal sealed class WindowsOptions : IValidatableObject
{
    public const string SectionName = "Windows";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Size { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Advance { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after a window's end late records are still counted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long closed windows stay queryable (/counts); at least size + grace.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Advance > Size)
        {
            yield return new($"Windows:Advance ({Advance}) must not exceed Windows:Size ({Size}).", [nameof(Advance)]);
        }

        if (Size.Ticks % Advance.Ticks != 0)
        {
            yield return new($"Windows:Size ({Size}) must be a multiple of Windows:Advance ({Advance}).", [nameof(Size)]);
        }
    }
}

[OptionsValidator]
internal sealed partial class WindowsOptionsValidator : IValidateOptions<WindowsOptions>;
