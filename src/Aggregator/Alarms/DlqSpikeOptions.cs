using System.ComponentModel.DataAnnotations;

namespace Aggregator.Alarms;

/// <summary>
/// <c>Alarms:Builtin:DlqSpike</c>: too many records dead-lettered in a 5-minute window (a producer started
/// sending something the contract rejects). Evaluated like a threshold rule with <c>Above</c> = <see cref="DlqAbove"/>.
/// </summary>
internal sealed class DlqSpikeOptions : BuiltinAlarmSettings
{
    /// <summary>Fire when a window holds more dead-lettered records than this.</summary>
    [Range(0, long.MaxValue)]
    public long DlqAbove { get; set; } = 100;

    /// <summary>Consecutive windows above <see cref="DlqAbove"/> needed to fire.</summary>
    [Range(1, AlarmRule.MaxFor)]
    public int For { get; set; } = 1;
}
