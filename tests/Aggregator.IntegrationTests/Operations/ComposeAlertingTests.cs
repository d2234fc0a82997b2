using YamlDotNet.RepresentationModel;

namespace Aggregator.IntegrationTests.Operations;

/// <summary>
/// The alerting half of docker-compose.yml (issue 13): Prometheus loads the rules and sends to Alertmanager,
/// Alertmanager gets the Slack webhook as a secret, Burrow watches the workers' group on the plain cluster and is
/// scraped by Prometheus.
/// </summary>
public sealed class ComposeAlertingTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();
    private readonly YamlMappingNode _prometheus = LoadYaml("deploy/prometheus/prometheus.yml");

    [Fact]
    public void Prometheus_LoadsTheRuleFile_FromWhereComposeMountsIt()
    {
        var mount = Assert.Single(_compose.Service("prometheus").Volumes, v => v.Source == "./deploy/prometheus/rules");
        var ruleFiles = ((YamlSequenceNode)ComposeFile.Child(_prometheus, "rule_files")!).Select(ComposeFile.Scalar).ToList();

        Assert.True(mount.ReadOnly);
        var glob = Assert.Single(ruleFiles);
        Assert.Equal(mount.Target, Path.GetDirectoryName(glob));
        // The glob picks the rule file and nothing else in that directory (unit tests live in deploy/prometheus/tests).
        var pattern = "^" + System.Text.RegularExpressions.Regex.Escape(Path.GetFileName(glob)).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
        var picked = Directory.GetFiles(RepoPaths.Of("deploy/prometheus/rules")).Select(Path.GetFileName).Where(f => System.Text.RegularExpressions.Regex.IsMatch(f!, pattern)).ToList();
        Assert.Equal(["aggregator.rules.yml"], picked);
    }

    [Fact]
    public void Prometheus_SendsToTheAlertmanagerService_OnItsContainerPort()
    {
        var alerting = (YamlMappingNode)ComposeFile.Child(_prometheus, "alerting")!;
        var managers = Assert.Single((YamlSequenceNode)ComposeFile.Child(alerting, "alertmanagers")!);
        var statics = Assert.Single((YamlSequenceNode)ComposeFile.Child(managers, "static_configs")!);
        var target = Assert.Single((YamlSequenceNode)ComposeFile.Child(statics, "targets")!);
        var alertmanager = _compose.Service("alertmanager");

        Assert.Equal("alertmanager:9093", ComposeFile.Scalar(target));
        Assert.StartsWith("prom/alertmanager:v0.", alertmanager.Image);
        Assert.Contains(alertmanager.Volumes, v => v.Source == "./deploy/alertmanager/alertmanager.yml" && v.Target == "/etc/alertmanager/alertmanager.yml" && v.ReadOnly);
        Assert.Contains(alertmanager.Ports, p => p.ContainerPort == 9093 && p.HostIp == "127.0.0.1");
    }

    [Fact]
    public void PublishedHostPorts_AreAllDifferent()
    {
        var ports = _compose.Services.Values.SelectMany(s => s.Ports.Where(p => p.HostPort is not null).Select(p => (s.Name, p.HostPort))).ToList();

        Assert.Empty(ports.GroupBy(p => p.HostPort).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => p.Name))}"));
    }

    [Fact]
    public void SlackWebhook_IsASecretFile_OverridableWithoutEditingCompose()
    {
        var raw = RepoPaths.ReadText("docker-compose.yml");

        Assert.Contains("file: ${SLACK_ONCALL_WEBHOOK_URL_FILE:-./deploy/secrets/slack-oncall-webhook-url.example.txt}", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com", RepoPaths.ReadText("deploy/alertmanager/alertmanager.yml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Burrow_WatchesTheWorkersGroup_OnThePlainCluster_AndIsScraped()
    {
        var burrow = _compose.Service("burrow");
        var config = RepoPaths.ReadText("deploy/burrow/burrow.toml");
        var brokers = KafkaListeners.InternalBootstrap(_compose.KafkaClusters().Values.Single(c => c.Any(b => b.Name == "kafka-1")));
        var servers = "[" + string.Join(", ", brokers.Split(',').Select(b => $"\"{b}\"")) + "]";

        Assert.Contains(burrow.Volumes, v => v.Source == "./deploy/burrow/burrow.toml" && v.Target == "/etc/burrow/burrow.toml" && v.ReadOnly);
        Assert.Equal(2, config.Split('\n').Count(l => l.Trim() == $"servers={servers}"));
        Assert.Contains($"group-allowlist=\"^{_compose.Service("worker").Env("AGGREGATOR_Streams__ApplicationId")}$\"", config, StringComparison.Ordinal);
        Assert.Contains("servers=[\"burrow-zookeeper:2181\"]", config, StringComparison.Ordinal);
        Assert.Contains(burrow.Ports, p => p is { HostIp: "127.0.0.1", ContainerPort: 8000 });
        Assert.Equal("service_started", burrow.DependsOn["burrow-zookeeper"]);

        var job = Assert.Single(((YamlSequenceNode)ComposeFile.Child(_prometheus, "scrape_configs")!).Cast<YamlMappingNode>(), j => ComposeFile.Text(j, "job_name") == "burrow");
        Assert.Contains("burrow:8000", ((YamlSequenceNode)ComposeFile.Child(Assert.Single((YamlSequenceNode)ComposeFile.Child(job, "static_configs")!), "targets")!).Select(ComposeFile.Scalar));
    }

    private static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(RepoPaths.ReadText(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
