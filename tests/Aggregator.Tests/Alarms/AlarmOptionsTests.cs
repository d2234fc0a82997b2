using Aggregator.Alarms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Alarms;

public sealed class AlarmOptionsTests
{
    private static AlarmRuleOptions Valid(string name = "checkout-errors") =>
        new() { Name = name, Type = "error", Path = "/checkout/**", Above = 1000 };

    private static AlarmRuleOptions With(Action<AlarmRuleOptions> change)
    {
        var rule = Valid();
        change(rule);
        return rule;
    }

    private static List<string> Problems(params AlarmRuleOptions[] rules)
    {
        var options = new AlarmOptions();
        foreach (var rule in rules)
        {
            options.Rules.Add(rule);
        }

        return [.. AlarmOptionsProblems.Find(options)];
    }

    [Fact]
    public void Defaults_AreValid_WithAllBuiltinsOn()
    {
        var options = new AlarmOptions();

        Assert.Empty(AlarmOptionsProblems.Find(options));
        Assert.True(new AlarmOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(options.Builtin.PipelineStalled.Enabled && options.Builtin.LagGrowing.Enabled && options.Builtin.DlqSpike.Enabled);
        Assert.Equal((TimeSpan.FromMinutes(5), "critical"), (options.Builtin.PipelineStalled.StalledAfter, options.Builtin.PipelineStalled.Severity));
        Assert.Equal((TimeSpan.FromMinutes(5), 1000L, 3), (options.Builtin.LagGrowing.LagWindow, options.Builtin.LagGrowing.MinLag, options.Builtin.LagGrowing.MinSamples));
        Assert.Equal(100, options.Builtin.DlqSpike.DlqAbove);
        var rule = new AlarmRuleOptions();
        Assert.Equal((1, TimeSpan.FromMinutes(10), "warning"), (rule.For, rule.Cooldown, rule.Severity));
    }

    [Fact]
    public void ValidRules_HaveNoProblems()
    {
        Assert.Empty(Problems(
            Valid(),
            new AlarmRuleOptions { Name = "no-purchases", Type = "purchase", Below = 1, For = 3, Severity = "critical" },
            new AlarmRuleOptions { Name = "api.band_1", Path = "/api/*", Above = 5000, Below = 10, Runbook = "https://runbooks.example.com/api?x=1" },
            new AlarmRuleOptions { Name = "any-error", Type = "error", Above = 0, Cooldown = TimeSpan.Zero, Severity = "INFO" }));
    }

    [Theory]
    [InlineData(null, "Alarms:Rules[0]: Name is required")]
    [InlineData(" ", "Alarms:Rules[0]: Name is required")]
    [InlineData("checkout errors", "Alarms:Rules[0]: Name 'checkout errors' must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit")]
    [InlineData("-x", "Alarms:Rules[0]: Name '-x' must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit")]
    [InlineData("dlqspike", "Alarms:Rules[0] (dlqspike): Name 'dlqspike' is reserved for a built-in alarm (configure it under Alarms:Builtin)")]
    public void Name_Problems(string? name, string expected)
    {
        Assert.Equal([expected], Problems(With(r => { r.Name = name; })));
    }

    [Fact]
    public void Name_MustBeUnique_IgnoringCase()
    {
        Assert.Equal(
            ["Alarms:Rules[2] (A): Name 'A' is already used by Alarms:Rules[0]"],
            Problems(Valid("a"), Valid("b"), Valid("A")));
    }

    private static readonly Dictionary<string, Action<AlarmRuleOptions>> Changes = new()
    {
        ["no type or path"] = r => { r.Type = null; r.Path = null; },
        ["blank type"] = r => { r.Type = " "; },
        ["pipe in path"] = r => { r.Path = "/a|b"; },
        ["blank path"] = r => { r.Path = ""; },
        ["no threshold"] = r => { r.Above = null; },
        ["negative above"] = r => { r.Above = -1; },
        ["zero below"] = r => { r.Above = null; r.Below = 0; },
        ["below over above"] = r => { r.Above = 10; r.Below = 11; },
        ["for 0"] = r => { r.For = 0; },
        ["for 61"] = r => { r.For = 61; },
        ["negative cooldown"] = r => { r.Cooldown = TimeSpan.FromSeconds(-1); },
        ["unknown severity"] = r => { r.Severity = "urgent"; },
        ["relative runbook"] = r => { r.Runbook = "runbooks/checkout"; },
        ["ftp runbook"] = r => { r.Runbook = "ftp://runbooks.example.com/x"; },
        ["pipe in runbook"] = r => { r.Runbook = "https://x.example.com/a|b"; },
    };

    [Theory]
    [InlineData("no type or path", "Alarms:Rules[0] (checkout-errors): set Type, Path or both (a rule on every event is what PipelineStalled and the summaries are for)")]
    [InlineData("blank type", "Alarms:Rules[0] (checkout-errors): Type ' ' must be an event type: not blank, no '|' (leave Type out to match every type)")]
    [InlineData("pipe in path", "Alarms:Rules[0] (checkout-errors): Path '/a|b' must not contain '|' (write %7C for a literal one)")]
    [InlineData("blank path", "Alarms:Rules[0] (checkout-errors): Path '' must not be blank (leave Path out to match every path)")]
    [InlineData("no threshold", "Alarms:Rules[0] (checkout-errors): set Above, Below or both")]
    [InlineData("negative above", "Alarms:Rules[0] (checkout-errors): Above must not be negative (found -1; Above 0 fires on the first match)")]
    [InlineData("zero below", "Alarms:Rules[0] (checkout-errors): Below must be positive (found 0; a count is never below 0)")]
    [InlineData("below over above", "Alarms:Rules[0] (checkout-errors): Below (11) must not exceed Above (10): every count would breach one of them")]
    [InlineData("for 0", "Alarms:Rules[0] (checkout-errors): For must be between 1 and 60 consecutive windows (found 0)")]
    [InlineData("for 61", "Alarms:Rules[0] (checkout-errors): For must be between 1 and 60 consecutive windows (found 61)")]
    [InlineData("negative cooldown", "Alarms:Rules[0] (checkout-errors): Cooldown must be between 00:00:00 and 1.00:00:00 (found -00:00:01)")]
    [InlineData("unknown severity", "Alarms:Rules[0] (checkout-errors): Severity 'urgent' must be one of info, warning, critical")]
    [InlineData("relative runbook", "Alarms:Rules[0] (checkout-errors): Runbook 'runbooks/checkout' must be an absolute http(s) URL without '|', '<' or '>'")]
    [InlineData("ftp runbook", "Alarms:Rules[0] (checkout-errors): Runbook 'ftp://runbooks.example.com/x' must be an absolute http(s) URL without '|', '<' or '>'")]
    [InlineData("pipe in runbook", "Alarms:Rules[0] (checkout-errors): Runbook 'https://x.example.com/a|b' must be an absolute http(s) URL without '|', '<' or '>'")]
    public void Field_Problems_OneLineEach(string change, string expected)
    {
        Assert.Equal([expected], Problems(With(Changes[change])));
    }

    [Fact]
    public void EveryProblem_IsReported_AtOnce()
    {
        var problems = Problems(Valid("ok"), new AlarmRuleOptions { Name = "bad", Above = -5, For = 0, Severity = "loud" });

        Assert.Equal(
            [
                "Alarms:Rules[1] (bad): set Type, Path or both (a rule on every event is what PipelineStalled and the summaries are for)",
                "Alarms:Rules[1] (bad): Above must not be negative (found -5; Above 0 fires on the first match)",
                "Alarms:Rules[1] (bad): For must be between 1 and 60 consecutive windows (found 0)",
                "Alarms:Rules[1] (bad): Severity 'loud' must be one of info, warning, critical",
            ],
            problems);
    }

    [Fact]
    public void Builtin_SeverityAndRunbook_AreChecked()
    {
        var options = new AlarmOptions();
        options.Builtin.LagGrowing.Severity = "nope";
        options.Builtin.DlqSpike.Runbook = "not a url";

        Assert.Equal(
            [
                "Alarms:Builtin:LagGrowing: Severity 'nope' must be one of info, warning, critical",
                "Alarms:Builtin:DlqSpike: Runbook 'not a url' must be an absolute http(s) URL without '|', '<' or '>'",
            ],
            AlarmOptionsProblems.Find(options));
    }

    [Fact]
    public void Validator_ReportsRuleLines_AndBuiltinRanges()
    {
        var options = new AlarmOptions();
        options.Rules.Add(With(r => { r.Above = -1; }));
        options.Builtin.PipelineStalled.StalledAfter = TimeSpan.FromSeconds(1);
        options.Builtin.LagGrowing.MinSamples = 1;
        options.Builtin.DlqSpike.Cooldown = TimeSpan.FromDays(2);

        var result = new AlarmOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Alarms:Rules[0] (checkout-errors): Above must not be negative", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("StalledAfter", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MinSamples", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Cooldown", StringComparison.Ordinal));
    }

    [Fact]
    public void AddAlarms_BindsRulesFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alarms:Rules:0:Name"] = "checkout-errors",
            ["Alarms:Rules:0:Type"] = "error",
            ["Alarms:Rules:0:Path"] = "/checkout/**",
            ["Alarms:Rules:0:Above"] = "1000",
            ["Alarms:Rules:0:For"] = "2",
            ["Alarms:Rules:0:Cooldown"] = "00:15:00",
            ["Alarms:Rules:0:Severity"] = "critical",
            ["Alarms:Builtin:LagGrowing:Enabled"] = "false",
            ["Alarms:Builtin:DlqSpike:DlqAbove"] = "50",
        }).Build();
        using var provider = new ServiceCollection().AddAlarms(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AlarmOptions>>().Value;

        var rule = Assert.Single(options.Rules);
        Assert.Equal(("checkout-errors", "error", "/checkout/**", 1000L, 2), (rule.Name, rule.Type, rule.Path, rule.Above, rule.For));
        Assert.Equal((TimeSpan.FromMinutes(15), "critical"), (rule.Cooldown, rule.Severity));
        Assert.False(options.Builtin.LagGrowing.Enabled);
        Assert.Equal(50, options.Builtin.DlqSpike.DlqAbove);
    }

    [Fact]
    public void AddAlarms_FailsOnInvalidRules()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alarms:Rules:0:Name"] = "x",
            ["Alarms:Rules:0:Type"] = "error",
        }).Build();
        using var provider = new ServiceCollection().AddAlarms(configuration).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AlarmOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("Alarms:Rules[0] (x): set Above, Below or both", StringComparison.Ordinal));
    }
}
