namespace Aggregator.Alarms;

/// <summary>How urgent an alarm is; configured as <c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
internal enum AlarmSeverity
{
    Info,
    Warning,
    Critical,
}
