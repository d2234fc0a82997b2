using System.Text.RegularExpressions;
using Aggregator.IntegrationTests.Operations;

namespace Aggregator.IntegrationTests.Alerting;

/// <summary>
/// The on-call rules through Prometheus's own tools (promtool check rules / test rules / check config), plus what
/// promtool cannot judge: annotations, runbook sections, unit-test coverage of every rule, documented metric names.
/// </summary>
public sealed partial class PromtoolTests
{
    private static readonly string[] Severities = ["critical", "warning"];

    private readonly IReadOnlyList<AlertRule> _rules = AlertRules.Load();

    [Fact]
    public async Task RulesFile_PassesPromtoolCheck()
    {
        var (exitCode, output) = await AlertingTools.RunAsync(AlertingTools.Promtool, "check", "rules", AlertRules.RulesFile);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"SUCCESS: {_rules.Count} rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuleUnitTests_Pass()
    {
        var (exitCode, output) = await AlertingTools.RunAsync(AlertingTools.Promtool, "test", "rules", AlertRules.TestsFile);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrometheusConfig_PassesPromtoolCheck()
    {
        var (exitCode, output) = await AlertingTools.RunAsync(AlertingTools.Promtool, "check", "config", "--syntax-only", "deploy/prometheus/prometheus.yml");

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void TheIssuesRules_AreAllThere()
    {
        Assert.Equal(
            [
                "AggregatorConsumerLagGrowing", "AggregatorDlqSpike", "AggregatorNoProgress", "AggregatorRestartLoop", "AggregatorRestoringTooLong",
                "AggregatorSlackAlarmDeliveryFailing", "AggregatorSlackSummaryDeliveryFailing", "AggregatorSlackSummaryMissing",
                "AggregatorWorkerAbsent", "AggregatorWorkerDown",
            ],
            _rules.Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryRule_HasASeverity_ASummary_AndARunbookSectionInDocsOncall()
    {
        var oncall = RepoPaths.ReadText("docs/oncall.md");
        var anchors = Heading().Matches(oncall).Select(m => m.Groups["title"].Value.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

        Assert.All(_rules, rule =>
        {
            Assert.Contains(rule.Labels.GetValueOrDefault("severity"), Severities);
            Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("summary")), $"{rule.Name} has no summary");
            Assert.Equal($"docs/oncall.md#{rule.Name.ToLowerInvariant()}", rule.Annotations.GetValueOrDefault("runbook"));
            Assert.Contains(rule.Name.ToLowerInvariant(), anchors);
        });
    }

    [Fact]
    public void EveryRule_HasUnitTests_ThatExpectItToFire_AndNotToFire()
    {
        var cases = AlertRules.UnitTestCases();

        Assert.All(_rules, rule =>
        {
            Assert.True(cases[rule.Name].Any(alerts => alerts > 0), $"no unit test expects {rule.Name} to fire");
            Assert.True(cases[rule.Name].Any(alerts => alerts == 0), $"no unit test expects {rule.Name} to stay quiet");
        });
        Assert.Empty(cases.Select(c => c.Key).Except(_rules.Select(r => r.Name)));
    }

    [Fact]
    public void EveryWorkerMetricTheRulesRead_IsDocumented()
    {
        var documented = RepoPaths.ReadText("docs/metrics.md");
        var used = _rules.SelectMany(r => AlertRules.MetricsIn(r.Expr)).ToHashSet(StringComparer.Ordinal);

        Assert.True(used.Count >= 5, $"the rules read only {used.Count} worker metrics");
        Assert.All(used, name =>
        {
            var family = Regex.Replace(name, "_(count|sum|bucket)$", string.Empty);
            Assert.True(documented.Contains($"`{name}`", StringComparison.Ordinal) || documented.Contains($"`{family}`", StringComparison.Ordinal), $"{name} is not in docs/metrics.md");
        });
    }

    [GeneratedRegex(@"^#{2,4} (?<title>Aggregator[A-Za-z]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
