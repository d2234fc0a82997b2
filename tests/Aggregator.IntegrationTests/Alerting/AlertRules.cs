using System.Text.RegularExpressions;
using Aggregator.IntegrationTests.Operations;
using YamlDotNet.RepresentationModel;

namespace Aggregator.IntegrationTests.Alerting;

/// <summary>One alerting rule of deploy/prometheus/rules/aggregator.rules.yml.</summary>
internal sealed record AlertRule(string Name, string Expr, string? For, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

/// <summary>The rule file and its promtool unit tests, read as YAML for checks promtool does not make.</summary>
internal static partial class AlertRules
{
    public const string RulesFile = "deploy/prometheus/rules/aggregator.rules.yml";
    public const string TestsFile = "deploy/prometheus/tests/aggregator.rules.test.yml";

    public static IReadOnlyList<AlertRule> Load() =>
        Sequence(LoadYaml(RulesFile), "groups")
            .SelectMany(group => Sequence(group, "rules"))
            .Select(rule => new AlertRule(
                ComposeFile.Text(rule, "alert")!,
                ComposeFile.Text(rule, "expr")!,
                ComposeFile.Text(rule, "for"),
                Map(rule, "labels"),
                Map(rule, "annotations")))
            .ToList();

    /// <summary>Per alert name, the exp_alerts of every unit test case that evaluates it: empty = "does not fire".</summary>
    public static ILookup<string, int> UnitTestCases() =>
        Sequence(LoadYaml(TestsFile), "tests")
            .SelectMany(test => Sequence(test, "alert_rule_test"))
            .ToLookup(
                check => ComposeFile.Text(check, "alertname")!,
                check => ComposeFile.Child(check, "exp_alerts") is YamlSequenceNode alerts ? alerts.Children.Count : 0);

    /// <summary>Metric names an expression reads (identifiers followed by a selector, range or operator).</summary>
    public static IEnumerable<string> MetricsIn(string expr) => WorkerMetric().Matches(expr).Select(m => m.Value);

    private static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(RepoPaths.ReadText(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static IEnumerable<YamlMappingNode> Sequence(YamlNode node, string key) =>
        ((YamlSequenceNode)ComposeFile.Child(node, key)!).Children.Cast<YamlMappingNode>();

    private static Dictionary<string, string> Map(YamlNode node, string key) =>
        (ComposeFile.Child(node, key) as YamlMappingNode)?.Children.ToDictionary(e => ComposeFile.Scalar(e.Key), e => ComposeFile.Scalar(e.Value), StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    [GeneratedRegex(@"\baggregator_[a-z0-9_]+\b")]
    private static partial Regex WorkerMetric();
}
