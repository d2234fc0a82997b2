using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Options;

/// <summary>De-duplication of resent events. Bound from <c>Dedup</c>.</summary>
internal sealed class DedupOptions
{
    public const string SectionName = "Dedup";

    /// <summary>An eventId seen again within this much event time is a duplicate.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

[OptionsValidator]
internal sealed partial class DedupOptionsValidator : IValidateOptions<DedupOptions>;
