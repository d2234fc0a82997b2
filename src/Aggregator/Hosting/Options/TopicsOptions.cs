using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Options;

/// <summary>Topic names (contract defaults) and the partition count used when this app creates them. Bound from <c>Topics</c>.</summary>
internal sealed class TopicsOptions
{
    public const string SectionName = "Topics";

    [Required]
    public string Raw { get; set; } = "activity.raw";

    [Required]
    public string Refined { get; set; } = "activity.refined";

    [Required]
    public string Dlq { get; set; } = "activity.dlq";

    [Required]
    public string Counts { get; set; } = "activity.counts";

    [Required]
    public string OptOuts { get; set; } = "privacy.optouts";

    /// <summary>Where erasure notices go when an identity opts out (docs/privacy.md); read by downstream systems.</summary>
    [Required]
    public string Erasures { get; set; } = "privacy.erasures";

    /// <summary>Partitions of the topics the app creates itself (embedded broker, <c>aggregator broker</c>).</summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 6;

    public IEnumerable<string> All => [Raw, Refined, Dlq, Counts, OptOuts, Erasures];
}

[OptionsValidator]
internal sealed partial class TopicsOptionsValidator : IValidateOptions<TopicsOptions>;
