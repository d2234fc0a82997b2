namespace Aggregator.Alarms;

/// <summary>
/// One configured threshold rule, an item of <c>Alarms:Rules</c>. Validated by <see cref="AlarmOptions"/> (one
/// line per problem, naming the rule and field) and compiled into an <see cref="AlarmRule"/>.
/// </summary>
/// <example>
/// <code>
/// "Alarms": { "Rules": [ { "Name": "checkout-errors", "Type": "error", "Path": "/checkout/**", "Above": 1000,
///                          "Severity": "critical", "Runbook": "https://runbooks.example.com/checkout" } ] }
/// </code>
/// </example>
internal sealed class AlarmRuleOptions
{
    /// <summary>Required, unique; letters, digits, '.', '_' and '-' (it is part of message ids and state keys).</summary>
    public string? Name { get; set; }

    /// <summary>Exact (case-sensitive) event type to count, e.g. <c>error</c>; none = every type.</summary>
    public string? Type { get; set; }

    /// <summary>
    /// Glob on the page path: <c>*</c> = any characters except '/', <c>**</c> = any characters, <c>?</c> = one
    /// character except '/'; everything else literal and case-sensitive. None = every path (and events without one).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Fire when a 5-minute window's count exceeds this (as soon as it does, even while the window is open).</summary>
    public long? Above { get; set; }

    /// <summary>Fire when a closed 5-minute window's count is under this.</summary>
    public long? Below { get; set; }

    /// <summary>Consecutive breaching windows (by window start) needed to fire.</summary>
    public int For { get; set; } = 1;

    /// <summary>After a resolve, the rule does not fire again until this much time has passed.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public string Severity { get; set; } = "warning";

    /// <summary>Absolute http(s) URL of what on-call should do, linked from the message.</summary>
    public string? Runbook { get; set; }
}
