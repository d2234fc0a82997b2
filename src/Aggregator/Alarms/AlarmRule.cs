using Aggregator.Activity;

namespace Aggregator.Alarms;

/// <summary>
/// A compiled threshold rule: what it counts (<see cref="Matches(ReadOnlySpan{char})"/> on count keys, or dead
/// letters), its thresholds on the counts of the hopping windows, and how it alarms. Evaluated by
/// <see cref="AlarmEvaluator"/> on the sum over all matching keys per window. Immutable.
/// </summary>
internal sealed class AlarmRule
{
    /// <summary>Upper bound of <c>For</c>: the evaluator keeps about this many windows of history per rule.</summary>
    public const int MaxFor = 60;

    /// <summary>The window advance the topology uses unless told otherwise: hopping windows start every minute.</summary>
    public static readonly TimeSpan DefaultWindowAdvance = TimeSpan.FromMinutes(1);

    private readonly CountKeyLayout _layout;

    public AlarmRule(
        string name,
        AlarmRuleKind kind,
        string? type,
        PathGlob? path,
        long? above,
        long? below,
        int @for = 1,
        TimeSpan? cooldown = null,
        AlarmSeverity severity = AlarmSeverity.Warning,
        string? runbook = null,
        TimeSpan? windowAdvance = null,
        CountKeyLayout? layout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (above is null && below is null)
        {
            throw new ArgumentException("A rule needs Above, Below or both.", nameof(above));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(@for, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(@for, MaxFor);
        Name = name;
        Kind = kind;
        Type = type;
        Path = path;
        Above = above;
        Below = below;
        For = @for;
        Cooldown = cooldown ?? TimeSpan.FromMinutes(10);
        Severity = severity;
        Runbook = runbook;
        WindowAdvanceMs = (long)(windowAdvance ?? DefaultWindowAdvance).TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(WindowAdvanceMs, nameof(windowAdvance));
        ArgumentOutOfRangeException.ThrowIfLessThan(Cooldown, TimeSpan.Zero, nameof(cooldown));
        _layout = layout ?? CountKeyLayout.Default;
        if (type is not null && _layout.TypeIndex < 0)
        {
            throw new ArgumentException($"Rule {name} matches on the type, which the count keys (Counts:GroupBy) do not contain.", nameof(type));
        }

        if (path is not null && _layout.PathIndex < 0)
        {
            throw new ArgumentException($"Rule {name} matches on the path, which the count keys (Counts:GroupBy) do not contain.", nameof(path));
        }
    }

    public string Name { get; }

    public AlarmRuleKind Kind { get; }

    /// <summary>Exact event type, or null for any.</summary>
    public string? Type { get; }

    /// <summary>Path glob, or null for any path.</summary>
    public PathGlob? Path { get; }

    public long? Above { get; }

    public long? Below { get; }

    public int For { get; }

    public TimeSpan Cooldown { get; }

    public AlarmSeverity Severity { get; }

    public string? Runbook { get; }

    /// <summary>Distance between the starts of consecutive hopping windows; "consecutive" means exactly this apart.</summary>
    public long WindowAdvanceMs { get; }

    /// <summary>What is counted, in words: "error events on /checkout/**", "dead-lettered records".</summary>
    public string Subject => Kind == AlarmRuleKind.DeadLetters
        ? "dead-lettered records"
        : (Type is null ? "events" : Type + " events") + (Path is null ? string.Empty : " on " + Path.Pattern);

    /// <summary>Compiles validated options (see <see cref="AlarmOptionsProblems"/>).</summary>
    public static AlarmRule From(AlarmRuleOptions options, CountKeyLayout? layout = null, TimeSpan? windowAdvance = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AlarmRule(
            options.Name!,
            AlarmRuleKind.Events,
            options.Type,
            options.Path is null ? null : PathGlob.Parse(options.Path),
            options.Above,
            options.Below,
            options.For,
            options.Cooldown,
            AlarmSeverities.Parse(options.Severity),
            options.Runbook,
            windowAdvance,
            layout);
    }

    public bool Matches(string countKey)
    {
        ArgumentNullException.ThrowIfNull(countKey);
        return Matches(countKey.AsSpan());
    }

    /// <summary>
    /// Whether a count key (<c>type|path</c> by default) is counted by this rule: the type equal to
    /// <see cref="Type"/> (when set) and the path matching <see cref="Path"/> (when set). An event without a path
    /// (<c>-</c> in the key) never matches a path glob. Never true for a dead-letter rule.
    /// </summary>
    public bool Matches(ReadOnlySpan<char> countKey)
    {
        if (Kind != AlarmRuleKind.Events)
        {
            return false;
        }

        _layout.Read(countKey, out var type, out var path);
        if (Type is not null && !type.SequenceEqual(Type))
        {
            return false;
        }

        return Path is null || (!path.SequenceEqual(CountKeyBuilder.Missing) && Path.IsMatch(path));
    }

    /// <summary>Whether the window breaches the rule, and which way: above at any time, below only once closed.</summary>
    public AlarmDirection? Breach(long count, bool closed) =>
        count > Above ? AlarmDirection.Above
        : closed && count < Below ? AlarmDirection.Below
        : null;

    /// <summary>The threshold breached in <paramref name="direction"/>.</summary>
    public long? Threshold(AlarmDirection direction) => direction == AlarmDirection.Above ? Above : Below;

    public override string ToString() => $"{Name} ({Subject})";
}
