using System.ComponentModel.DataAnnotations;

namespace Aggregator.Alarms;

/// <summary><c>Alarms:Builtin:PipelineStalled</c>: no input records at all for a while (wall-clock time).</summary>
internal sealed class PipelineStalledOptions : BuiltinAlarmSettings
{
    public PipelineStalledOptions() => Severity = "critical";

    /// <summary>Fire after this long without a single input record.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromMinutes(5);
}
