using Aggregator.IntegrationTests.Operations;
using YamlDotNet.RepresentationModel;

namespace Aggregator.IntegrationTests.Alerting;

/// <summary>deploy/alertmanager/alertmanager.yml through amtool, and against the rules and the compose file.</summary>
public sealed class AlertmanagerConfigTests
{
    private const string ConfigFile = "deploy/alertmanager/alertmanager.yml";

    private readonly YamlMappingNode _config = LoadConfig();

    [Fact]
    public async Task Config_PassesAmtoolCheck()
    {
        var (exitCode, output) = await AlertingTools.RunAsync(AlertingTools.Amtool, "check-config", ConfigFile);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critical", "AggregatorWorkerDown")]
    [InlineData("warning", "AggregatorDlqSpike")]
    public async Task EverySeverity_RoutesToTheSlackReceiver(string severity, string alertname)
    {
        var (exitCode, output) = await AlertingTools.RunAsync(
            AlertingTools.Amtool, "config", "routes", "test", $"--config.file={ConfigFile}", $"severity={severity}", $"alertname={alertname}", "job=aggregator");

        Assert.True(exitCode == 0, output);
        Assert.Equal("slack-oncall", output.Split('\n')[0].Trim()); // stdout first; amtool warns on stderr
    }

    [Fact]
    public void SlackReceiver_ReadsTheWebhookFromTheComposeSecret_AndSendsResolved()
    {
        var receiver = Assert.Single(((YamlSequenceNode)ComposeFile.Child(_config, "receivers")!).Cast<YamlMappingNode>());
        var slack = Assert.Single((YamlSequenceNode)ComposeFile.Child(receiver, "slack_configs")!);
        var alertmanager = ComposeFile.Load().Service("alertmanager");

        Assert.Null(ComposeFile.Child(slack, "api_url"));
        Assert.Equal("true", ComposeFile.Text(slack, "send_resolved"));
        var secret = Assert.Single(alertmanager.Secrets);
        Assert.Equal($"/run/secrets/{secret}", ComposeFile.Text(slack, "api_url_file"));
        foreach (var named in new[] { ".CommonLabels.alertname", ".CommonLabels.severity", ".Labels.instance", ".Annotations.runbook", ".Annotations.summary" })
        {
            Assert.Contains(named, ComposeFile.Text(slack, "title") + ComposeFile.Text(slack, "text"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WorkerDown_InhibitsExactlyItsDerivedAlerts_ByJob()
    {
        var rules = AlertRules.Load().Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var inhibit = ((YamlSequenceNode)ComposeFile.Child(_config, "inhibit_rules")!).Cast<YamlMappingNode>().ToList();
        var down = inhibit.Single(r => Matchers(r, "source_matchers").Contains("AggregatorWorkerDown"));
        var targets = Matchers(down, "target_matchers");

        Assert.Equal(["AggregatorWorkerAbsent", "AggregatorWorkerDown"], Matchers(down, "source_matchers").Order(StringComparer.Ordinal));
        Assert.Equal(
            ["AggregatorConsumerLagGrowing", "AggregatorNoProgress", "AggregatorRestoringTooLong", "AggregatorSlackAlarmDeliveryFailing", "AggregatorSlackSummaryDeliveryFailing", "AggregatorSlackSummaryMissing"],
            targets.Order(StringComparer.Ordinal));
        Assert.Equal(["job"], ((YamlSequenceNode)ComposeFile.Child(down, "equal")!).Select(ComposeFile.Scalar));
        Assert.All(inhibit.SelectMany(r => Matchers(r, "source_matchers").Concat(Matchers(r, "target_matchers"))), name => Assert.Contains(name, rules));
    }

    /// <summary>Alert names in alertname matchers (= or =~ with |-separated alternatives).</summary>
    private static List<string> Matchers(YamlMappingNode rule, string key) =>
        ((YamlSequenceNode)ComposeFile.Child(rule, key)!).Select(ComposeFile.Scalar)
            .Where(m => m.StartsWith("alertname", StringComparison.Ordinal))
            .SelectMany(m => m[(m.IndexOf('"', StringComparison.Ordinal) + 1)..^1].Split('|'))
            .ToList();

    private static YamlMappingNode LoadConfig()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(RepoPaths.ReadText(ConfigFile));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
