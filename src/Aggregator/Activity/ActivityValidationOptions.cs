using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Activity;

/// <summary>Bounds a raw activity event must respect to be refined. Bound from <c>Activity:Validation</c>.</summary>
internal sealed class ActivityValidationOptions
{
    public const string SectionName = "Activity:Validation";

    /// <summary>The longest <c>type</c> accepted, in UTF-16 characters. Part of the contract, not configurable.</summary>
    public const int MaxTypeLength = 64;

    /// <summary>Largest raw value accepted, in bytes; checked before any parsing so a huge value costs nothing.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxEventBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How far before the ingest time an event may be. Catches epoch-seconds-as-milliseconds, zeroed clocks
    /// (1970) and replays of ancient data that would land in long-closed windows.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How far after the ingest time an event may be: device clocks run fast, but not by days.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromHours(1);
}

[OptionsValidator]
internal sealed partial class ActivityValidationOptionsValidator : IValidateOptions<ActivityValidationOptions>;
