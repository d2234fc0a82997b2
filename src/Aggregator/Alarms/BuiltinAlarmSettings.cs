using System.ComponentModel.DataAnnotations;

namespace Aggregator.Alarms;

/// <summary>What every built-in alarm has: on/off, severity, cooldown, runbook.</summary>
internal abstract class BuiltinAlarmSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public string Severity { get; set; } = "warning";

    /// <summary>After a resolve, the alarm does not fire again until this much time has passed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Absolute http(s) URL of what on-call should do.</summary>
    public string? Runbook { get; set; }
}
