namespace Aggregator.Alarms;

/// <summary>What a threshold rule counts.</summary>
internal enum AlarmRuleKind
{
    /// <summary>Counted events whose count key matches the rule's type and path.</summary>
    Events,

    /// <summary>Records sent to the dead-letter topic (the built-in DlqSpike); no count keys involved.</summary>
    DeadLetters,
}
