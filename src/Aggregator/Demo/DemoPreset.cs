namespace Aggregator.Demo;

/// <summary>
/// Generator settings for the zero-setup demo (<c>aggregator run</c> without Kafka), chosen so that within two
/// minutes of wall-clock time an analyst sees a 10-minute summary and on-call sees an alarm fire and resolve.
/// The CLI layers them <em>under</em> appsettings and flags, so any of them can still be overridden.
/// </summary>
/// <remarks>
/// Timeline at the defaults below (speed 10, 30 minutes of lookback, 1000 events/s):
/// <list type="bullet">
/// <item>Event time starts 30 minutes ago and advances 10 minutes per real minute, so 10-minute summary windows
/// close about once a minute; it reaches "now" after 200 s and then runs at 1x.</item>
/// <item>The /checkout error burst spans event time +3 min to +7 min, i.e. real seconds 18 to 42. A 5-minute
/// hopping window overlapping it by two minutes or more holds roughly 1,500-3,500 /checkout errors, against
/// about 45 per window before the catch-up (6,000 events per event-minute) and about 450 after it (60,000 per
/// event-minute, as event time then runs at 1x while the rate stays 1000 events per real second). A threshold
/// of 1,000 per 5 minutes therefore fires during the burst and resolves once the windows pass it, about
/// 70-80 s after the start (sooner or later by the windows' grace period).</item>
/// <item>Two users have opted out; their activity keeps arriving and must be dropped by the pipeline.</item>
/// </list>
/// </remarks>
internal static class DemoPreset
{
    /// <summary>Suggested alarm threshold for /checkout errors per 5-minute window in the demo (see remarks).</summary>
    public const int SuggestedCheckoutErrorThreshold = 1000;

    private const string Prefix = GeneratorOptions.SectionName + ":";

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        [Prefix + nameof(GeneratorOptions.Rate)] = "1000",
        [Prefix + nameof(GeneratorOptions.Speed)] = "10",
        [Prefix + nameof(GeneratorOptions.ReplayLookback)] = "30m",
        [Prefix + nameof(GeneratorOptions.AnomalyAt)] = "3m",
        [Prefix + nameof(GeneratorOptions.AnomalyFor)] = "4m",
        [Prefix + nameof(GeneratorOptions.AnomalyMultiplier)] = "100",
        [Prefix + nameof(GeneratorOptions.MalformedRatio)] = "0.005",
        [Prefix + nameof(GeneratorOptions.DuplicateRatio)] = "0.01",
        [Prefix + nameof(GeneratorOptions.OptedOutUsers)] = "u-000042,u-000077",
    };
}
