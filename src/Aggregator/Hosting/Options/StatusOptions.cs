using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Options;

/// <summary>The periodic one-line status an operator tails. Bound from <c>Status</c>.</summary>
internal sealed class StatusOptions
{
    public const string SectionName = "Status";

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
}

[OptionsValidator]
internal sealed partial class StatusOptionsValidator : IValidateOptions<StatusOptions>;
