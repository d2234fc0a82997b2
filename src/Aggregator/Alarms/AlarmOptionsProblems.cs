using System.Text.RegularExpressions;

namespace Aggregator.Alarms;

/// <summary>
/// Finds every problem in <see cref="AlarmOptions"/> at once, one line each, starting with the configuration
/// path and the rule's name so the line alone says what to fix:
/// <c>Alarms:Rules[2] (checkout-errors): Above must not be negative</c>.
/// </summary>
internal static partial class AlarmOptionsProblems
{
    public const int MaxNameLength = 64;

    public static IEnumerable<string> Find(AlarmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var prefix = rule is null
                ? $"Alarms:Rules[{i}]"
                : IsValidName(rule.Name) ? $"Alarms:Rules[{i}] ({rule.Name})" : $"Alarms:Rules[{i}]";
            if (rule is null)
            {
                yield return prefix + ": is empty";
                continue;
            }

            foreach (var problem in RuleProblems(rule, i, seen))
            {
                yield return $"{prefix}: {problem}";
            }
        }

        foreach (var (name, settings) in Builtins(options.Builtin))
        {
            foreach (var problem in CommonProblems(settings.Severity, settings.Runbook))
            {
                yield return $"Alarms:Builtin:{name}: {problem}";
            }
        }
    }

    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && NamePattern().IsMatch(name);

    private static IEnumerable<string> RuleProblems(AlarmRuleOptions rule, int index, Dictionary<string, int> seen)
    {
        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            yield return "Name is required";
        }
        else if (!IsValidName(rule.Name))
        {
            yield return $"Name '{rule.Name}' must be 1–{MaxNameLength} letters, digits, '.', '_' or '-', starting with a letter or digit";
        }
        else if (BuiltinAlarmOptions.Names.Contains(rule.Name, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"Name '{rule.Name}' is reserved for a built-in alarm (configure it under Alarms:Builtin)";
        }
        else if (seen.TryGetValue(rule.Name, out var first))
        {
            yield return $"Name '{rule.Name}' is already used by Alarms:Rules[{first}]";
        }
        else
        {
            seen[rule.Name] = index;
        }

        if (rule.Type is null && rule.Path is null)
        {
            yield return "set Type, Path or both (a rule on every event is what PipelineStalled and the summaries are for)";
        }

        if (rule.Type is not null && (string.IsNullOrWhiteSpace(rule.Type) || rule.Type.Contains('|', StringComparison.Ordinal)))
        {
            yield return $"Type '{rule.Type}' must be an event type: not blank, no '|' (leave Type out to match every type)";
        }

        if (rule.Path is not null && !PathGlob.TryParse(rule.Path, out _, out var globError))
        {
            yield return $"Path '{rule.Path}' {globError}";
        }

        if (rule.Above is null && rule.Below is null)
        {
            yield return "set Above, Below or both";
        }

        if (rule.Above < 0)
        {
            yield return $"Above must not be negative (found {rule.Above}; Above 0 fires on the first match)";
        }

        if (rule.Below <= 0)
        {
            yield return $"Below must be positive (found {rule.Below}; a count is never below 0)";
        }

        if (rule is { Above: >= 0, Below: > 0 } && rule.Below > rule.Above)
        {
            yield return $"Below ({rule.Below}) must not exceed Above ({rule.Above}): every count would breach one of them";
        }

        if (rule.For is < 1 or > AlarmRule.MaxFor)
        {
            yield return $"For must be between 1 and {AlarmRule.MaxFor} consecutive windows (found {rule.For})";
        }

        if (rule.Cooldown < TimeSpan.Zero || rule.Cooldown > TimeSpan.FromDays(1))
        {
            yield return $"Cooldown must be between 00:00:00 and 1.00:00:00 (found {rule.Cooldown})";
        }

        foreach (var problem in CommonProblems(rule.Severity, rule.Runbook))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> CommonProblems(string? severity, string? runbook)
    {
        if (!AlarmSeverities.TryParse(severity, out _))
        {
            yield return $"Severity '{severity}' must be one of {AlarmSeverities.Allowed}";
        }

        if (runbook is not null && !IsValidRunbook(runbook))
        {
            yield return $"Runbook '{runbook}' must be an absolute http(s) URL without '|', '<' or '>'";
        }
    }

    // The runbook becomes a mrkdwn link <url|Runbook>; these characters would break out of it.
    private static bool IsValidRunbook(string runbook) =>
        Uri.TryCreate(runbook, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && runbook.AsSpan().IndexOfAny("|<> ") < 0;

    private static IEnumerable<(string Name, BuiltinAlarmSettings Settings)> Builtins(BuiltinAlarmOptions builtin)
    {
        yield return (BuiltinAlarmOptions.PipelineStalledName, builtin.PipelineStalled);
        yield return (BuiltinAlarmOptions.LagGrowingName, builtin.LagGrowing);
        yield return (BuiltinAlarmOptions.DlqSpikeName, builtin.DlqSpike);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
