using Aggregator.Activity;
using Aggregator.Alarms;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Alarms;

public sealed class AlarmRuleSetTests
{
    [Fact]
    public void Compile_ConfiguredRulesThenDlqSpike_AndTheOtherBuiltins()
    {
        var options = new AlarmOptions();
        options.Rules.Add(new AlarmRuleOptions { Name = "checkout-errors", Type = "error", Path = "/checkout/**", Above = 1000 });
        options.Builtin.DlqSpike.DlqAbove = 42;
        options.Builtin.PipelineStalled.StalledAfter = TimeSpan.FromMinutes(2);

        var set = AlarmRuleSet.Compile(options);

        Assert.Equal(["checkout-errors", "DlqSpike"], set.Rules.Select(r => r.Name));
        Assert.Equal("checkout-errors", Assert.Single(set.EventRules).Name);
        var dlq = Assert.Single(set.DeadLetterRules);
        Assert.Equal((42L, AlarmRuleKind.DeadLetters), (dlq.Above!.Value, dlq.Kind));
        Assert.Equal((TimeSpan.FromMinutes(2), AlarmSeverity.Critical), (set.PipelineStalled!.StalledAfter, set.PipelineStalled.Severity));
        Assert.Equal(TimeSpan.FromMinutes(5), set.LagGrowing!.LagWindow);
        Assert.Equal(["checkout-errors"], set.Matching("error|/checkout/pay").Select(r => r.Name));
        Assert.Empty(set.Matching("error|/cart"));
    }

    [Fact]
    public void Compile_LeavesOutDisabledBuiltins()
    {
        var options = new AlarmOptions();
        options.Builtin.PipelineStalled.Enabled = false;
        options.Builtin.LagGrowing.Enabled = false;
        options.Builtin.DlqSpike.Enabled = false;

        var set = AlarmRuleSet.Compile(options);

        Assert.Empty(set.Rules);
        Assert.Null(set.PipelineStalled);
        Assert.Null(set.LagGrowing);
    }

    [Fact]
    public void Compile_UsesTheWindowAdvance()
    {
        var options = new AlarmOptions();
        options.Rules.Add(new AlarmRuleOptions { Name = "r", Type = "error", Above = 1 });

        var set = AlarmRuleSet.Compile(options, windowAdvance: TimeSpan.FromSeconds(30));

        Assert.All(set.Rules, r => Assert.Equal(30_000, r.WindowAdvanceMs));
    }

    [Fact]
    public void Compile_ThrowsWithOneLinePerProblem()
    {
        var options = new AlarmOptions();
        options.Rules.Add(new AlarmRuleOptions { Name = "a", Type = "error" });
        options.Rules.Add(new AlarmRuleOptions { Name = "b", Path = "/x", Above = -1 });

        var ex = Assert.Throws<OptionsValidationException>(() => AlarmRuleSet.Compile(options));

        Assert.Equal(
            ["Alarms:Rules[0] (a): set Above, Below or both", "Alarms:Rules[1] (b): Above must not be negative (found -1; Above 0 fires on the first match)"],
            ex.Failures);
    }

    [Fact]
    public void Compile_RejectsRulesOnDimensionsTheCountKeysLack()
    {
        var options = new AlarmOptions();
        options.Rules.Add(new AlarmRuleOptions { Name = "a", Type = "error", Path = "/x", Above = 1 });

        var ex = Assert.Throws<OptionsValidationException>(() => AlarmRuleSet.Compile(options, CountKeyLayout.From([CountDimension.Type, CountDimension.Host])));

        Assert.Equal(["Alarms:Rules[0] (a): Path needs 'path' in Counts:GroupBy"], ex.Failures);
    }
}
