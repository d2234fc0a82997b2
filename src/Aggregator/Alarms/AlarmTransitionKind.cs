namespace Aggregator.Alarms;

internal enum AlarmTransitionKind
{
    Fired,
    Resolved,
}
