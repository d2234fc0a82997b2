using Aggregator.Activity;
using Aggregator.Alarms;

namespace Aggregator.Tests.Alarms;

public sealed class AlarmRuleTests
{
    private static AlarmRule Rule(string? type, string? path, CountKeyLayout? layout = null) =>
        new("r", AlarmRuleKind.Events, type, path is null ? null : PathGlob.Parse(path), above: 10, below: null, layout: layout);

    [Theory]
    [InlineData("error", "/checkout/**", "error|/checkout/pay", true)]
    [InlineData("error", "/checkout/**", "error|/cart", false)]
    [InlineData("error", "/checkout/**", "page_view|/checkout/pay", false)]
    [InlineData("error", null, "error|/anything", true)]
    [InlineData("error", null, "error|-", true)]
    [InlineData("error", null, "errors|/x", false)]
    [InlineData("error", null, "Error|/x", false)]
    [InlineData(null, "/products/*", "page_view|/products/42", true)]
    [InlineData(null, "/products/*", "click|/products/42", true)]
    [InlineData(null, "**", "click|-", false)] // an event without a path never matches a path glob
    public void Matches_TypeExactly_AndPathByGlob(string? type, string? path, string key, bool expected)
    {
        Assert.Equal(expected, Rule(type, path).Matches(key));
    }

    [Fact]
    public void Matches_OtherKeyLayouts()
    {
        var layout = CountKeyLayout.From([CountDimension.Host, CountDimension.Path, CountDimension.DeviceClass, CountDimension.Type]);
        var rule = Rule("error", "/checkout/**", layout);

        Assert.True(rule.Matches("shop.example.com|/checkout/pay|mobile|error"));
        Assert.False(rule.Matches("shop.example.com|/checkout/pay|mobile|click"));
        Assert.False(rule.Matches("shop.example.com|/cart|mobile|error"));
    }

    [Fact]
    public void Constructor_RejectsRulesTheLayoutCannotMatch()
    {
        var typeOnly = CountKeyLayout.From([CountDimension.Type]);

        Assert.Throws<ArgumentException>(() => Rule("error", "/x", typeOnly));
        Assert.True(Rule("error", null, typeOnly).Matches("error"));
    }

    [Fact]
    public void DeadLetterRule_MatchesNoKey()
    {
        var rule = new AlarmRule("DlqSpike", AlarmRuleKind.DeadLetters, null, null, above: 100, below: null);

        Assert.False(rule.Matches("error|/x"));
        Assert.Equal("dead-lettered records", rule.Subject);
    }

    [Theory]
    [InlineData("error", "/checkout/**", "error events on /checkout/**")]
    [InlineData("error", null, "error events")]
    [InlineData(null, "/api/**", "events on /api/**")]
    public void Subject_SaysWhatIsCounted(string? type, string? path, string expected)
    {
        Assert.Equal(expected, Rule(type, path).Subject);
    }

    [Fact]
    public void Breach_AboveAnytime_BelowOnlyWhenClosed()
    {
        var rule = new AlarmRule("r", AlarmRuleKind.Events, "x", null, above: 100, below: 10);

        Assert.Equal(AlarmDirection.Above, rule.Breach(101, closed: false));
        Assert.Equal(AlarmDirection.Above, rule.Breach(101, closed: true));
        Assert.Null(rule.Breach(100, closed: true));
        Assert.Null(rule.Breach(5, closed: false));
        Assert.Equal(AlarmDirection.Below, rule.Breach(9, closed: true));
        Assert.Null(rule.Breach(10, closed: true));
    }

    [Fact]
    public void From_CompilesOptions()
    {
        var rule = AlarmRule.From(new AlarmRuleOptions
        {
            Name = "checkout-errors", Type = "error", Path = "/checkout/**", Above = 1000, For = 2,
            Cooldown = TimeSpan.FromMinutes(3), Severity = "Critical", Runbook = "https://runbooks.example.com/checkout",
        });

        Assert.Equal(("checkout-errors", "error", "/checkout/**", 1000L, 2), (rule.Name, rule.Type, rule.Path!.Pattern, rule.Above!.Value, rule.For));
        Assert.Equal((TimeSpan.FromMinutes(3), AlarmSeverity.Critical), (rule.Cooldown, rule.Severity));
        Assert.Equal(60_000, rule.WindowAdvanceMs);
        Assert.Null(rule.Below);
    }
}
