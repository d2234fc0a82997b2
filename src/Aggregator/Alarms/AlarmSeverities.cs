namespace Aggregator.Alarms;

/// <summary>Parsing and display of <see cref="AlarmSeverity"/>.</summary>
internal static class AlarmSeverities
{
    public const string Allowed = "info, warning, critical";

    public static bool TryParse(string? value, out AlarmSeverity severity)
    {
        severity = AlarmSeverity.Warning;
        switch (value?.Trim().ToUpperInvariant())
        {
            case "INFO":
                severity = AlarmSeverity.Info;
                return true;
            case "WARNING":
                severity = AlarmSeverity.Warning;
                return true;
            case "CRITICAL":
                severity = AlarmSeverity.Critical;
                return true;
            default:
                return false;
        }
    }

    public static AlarmSeverity Parse(string? value) =>
        TryParse(value, out var severity) ? severity : throw new ArgumentException($"Severity must be one of {Allowed}.", nameof(value));

    /// <summary>"critical", as configured.</summary>
    public static string Name(AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Info => "info",
        AlarmSeverity.Critical => "critical",
        _ => "warning",
    };

    /// <summary>🔴 critical, 🟠 warning, 🔵 info.</summary>
    public static string Emoji(AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Info => "🔵",
        AlarmSeverity.Critical => "🔴",
        _ => "🟠",
    };
}
