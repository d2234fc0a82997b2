namespace Aggregator.Alarms;

/// <summary>Whether a rule's alarm is currently raised.</summary>
internal enum AlarmStatus
{
    Ok,
    Firing,
}
