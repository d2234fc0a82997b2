using Microsoft.Extensions.Options;

namespace Aggregator.Alarms;

/// <summary>
/// All alarms of a deployment, compiled once from <see cref="AlarmOptions"/>: the threshold rules (configured
/// ones plus the built-in DlqSpike) and the built-in PipelineStalled and LagGrowing (null when disabled).
/// </summary>
internal sealed class AlarmRuleSet
{
    private AlarmRuleSet(IReadOnlyList<AlarmRule> rules, StalledRule? stalled, LagGrowingRule? lag)
    {
        Rules = rules;
        PipelineStalled = stalled;
        LagGrowing = lag;
        EventRules = [.. rules.Where(r => r.Kind == AlarmRuleKind.Events)];
        DeadLetterRules = [.. rules.Where(r => r.Kind == AlarmRuleKind.DeadLetters)];
    }

    /// <summary>Every threshold rule, configured rules first, in configuration order.</summary>
    public IReadOnlyList<AlarmRule> Rules { get; }

    /// <summary>Threshold rules on count keys: a task sums, per rule and window, the counts of the keys each matches.</summary>
    public IReadOnlyList<AlarmRule> EventRules { get; }

    /// <summary>Threshold rules on dead-lettered records per window (the built-in DlqSpike).</summary>
    public IReadOnlyList<AlarmRule> DeadLetterRules { get; }

    public StalledRule? PipelineStalled { get; }

    public LagGrowingRule? LagGrowing { get; }

    /// <summary>Validates and compiles the options.</summary>
    /// <param name="options">Bound options.</param>
    /// <param name="layout">The count-key layout (<see cref="CountKeyLayout.From"/> of <c>Counts:GroupBy</c>).</param>
    /// <param name="windowAdvance">The hopping windows' advance (default one minute).</param>
    /// <exception cref="OptionsValidationException">The options have problems; each failure is one line.</exception>
    public static AlarmRuleSet Compile(AlarmOptions options, CountKeyLayout? layout = null, TimeSpan? windowAdvance = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        layout ??= CountKeyLayout.Default;
        var problems = AlarmOptionsProblems.Find(options).Concat(LayoutProblems(options, layout)).ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(AlarmOptions.SectionName, typeof(AlarmOptions), problems);
        }

        var rules = options.Rules.Select(r => AlarmRule.From(r, layout, windowAdvance)).ToList();
        var builtin = options.Builtin;
        if (builtin.DlqSpike.Enabled)
        {
            rules.Add(new AlarmRule(
                BuiltinAlarmOptions.DlqSpikeName,
                AlarmRuleKind.DeadLetters,
                type: null,
                path: null,
                above: builtin.DlqSpike.DlqAbove,
                below: null,
                builtin.DlqSpike.For,
                builtin.DlqSpike.Cooldown,
                AlarmSeverities.Parse(builtin.DlqSpike.Severity),
                builtin.DlqSpike.Runbook,
                windowAdvance,
                layout));
        }

        return new AlarmRuleSet(
            rules,
            builtin.PipelineStalled.Enabled ? StalledRule.From(builtin.PipelineStalled) : null,
            builtin.LagGrowing.Enabled ? LagGrowingRule.From(builtin.LagGrowing) : null);
    }

    /// <summary>The event rules counting <paramref name="countKey"/>.</summary>
    public IEnumerable<AlarmRule> Matching(string countKey) => EventRules.Where(r => r.Matches(countKey));

    private static IEnumerable<string> LayoutProblems(AlarmOptions options, CountKeyLayout layout)
    {
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (rule?.Type is not null && layout.TypeIndex < 0)
            {
                yield return $"Alarms:Rules[{i}] ({rule.Name}): Type needs 'type' in Counts:GroupBy";
            }

            if (rule?.Path is not null && layout.PathIndex < 0)
            {
                yield return $"Alarms:Rules[{i}] ({rule.Name}): Path needs 'path' in Counts:GroupBy";
            }
        }
    }
}
