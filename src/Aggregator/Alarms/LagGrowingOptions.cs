using System.ComponentModel.DataAnnotations;

namespace Aggregator.Alarms;

/// <summary>
/// <c>Alarms:Builtin:LagGrowing</c>: a partition's consumer lag keeps growing (Burrow's idea: a consumer that
/// falls further behind on every sample is stuck or too slow, whatever the absolute lag).
/// </summary>
internal sealed class LagGrowingOptions : BuiltinAlarmSettings
{
    /// <summary>The samples of the last <c>LagWindow</c> are judged; the trend must span at least half of it.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LagWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The last sample's lag must be at least this, so a small wobbling lag never pages anyone.</summary>
    [Range(0, long.MaxValue)]
    public long MinLag { get; set; } = 1000;

    /// <summary>Samples needed inside the window before a partition is judged.</summary>
    [Range(2, 10_000)]
    public int MinSamples { get; set; } = 3;
}
