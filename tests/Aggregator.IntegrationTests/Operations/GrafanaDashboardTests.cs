using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Aggregator.IntegrationTests.Operations;

/// <summary>
/// The provisioned Grafana dashboard: every metric it queries is one docs/metrics.md promises, the panels
/// operations asked for are there, and provisioning, datasource and compose mounts line up.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private const string DashboardFile = "deploy/grafana/dashboards/aggregator.json";

    private readonly JsonElement _dashboard = JsonDocument.Parse(RepoPaths.ReadText(DashboardFile)).RootElement;

    private IEnumerable<JsonElement> Panels => _dashboard.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row");

    [Fact]
    public void EveryMetricTheDashboardQueries_IsDocumented()
    {
        var documented = DocumentedMetrics();
        var used = Queries().SelectMany(q => MetricName().Matches(q).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

        Assert.True(documented.Count >= 15, $"read only {documented.Count} metric names from docs/metrics.md");
        Assert.True(used.Count >= 15, $"the dashboard queries only {used.Count} metrics");
        var undocumented = used.Where(name => !documented.Contains(name) && !IsHistogramSeries(name, documented)).ToList();
        Assert.Empty(undocumented);
    }

    [Theory]
    [InlineData("throughput", "aggregator_streams_records_processed_total", "aggregator_events_refined_total")]
    [InlineData("consumer lag per partition", "aggregator_streams_consumer_lag", "partition")]
    [InlineData("late drops", "aggregator_streams_records_late_dropped_total")]
    [InlineData("dead letters by reason", "aggregator_events_dead_lettered_total", "by (reason)")]
    [InlineData("restore progress", "aggregator_streams_restore_remaining", "aggregator_streams_tasks_restoring")]
    [InlineData("slack deliveries by outcome", "aggregator_slack_deliveries_total", "outcome")]
    [InlineData("alarms firing", "aggregator_alarms_firing", "rule")]
    [InlineData("commit latency", "streamiz_stream_thread_metrics_commit_latency_max")]
    [InlineData("rocksdb memory", "streamiz_stream_state_metrics_block_cache_usage", "streamiz_stream_state_metrics_cur_size_all_mem_tables")]
    public void Dashboard_HasAPanelFor(string topic, params string[] fragments)
    {
        var panel = Panels.FirstOrDefault(p => fragments.All(f => PanelQueries(p).Any(q => q.Contains(f, StringComparison.Ordinal))));

        Assert.True(panel.ValueKind == JsonValueKind.Object, $"no panel for {topic} queries all of: {string.Join(", ", fragments)}");
        Assert.Equal("timeseries", panel.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("firing alerts", "table", "ALERTS{alertstate=\"firing\"", "alertname=~\"Aggregator.*\"")]
    [InlineData("burrow group status", "stat", "burrow_kafka_consumer_status", "consumer_group=\"aggregator\"")]
    [InlineData("burrow lag per partition", "timeseries", "burrow_kafka_consumer_partition_lag", "consumer_group=\"aggregator\"")]
    public void Dashboard_HasAnOnCallPanelFor(string topic, string type, params string[] fragments)
    {
        var panel = Panels.FirstOrDefault(p => fragments.All(f => PanelQueries(p).Any(q => q.Contains(f, StringComparison.Ordinal))));

        Assert.True(panel.ValueKind == JsonValueKind.Object, $"no panel for {topic} queries all of: {string.Join(", ", fragments)}");
        Assert.Equal(type, panel.GetProperty("type").GetString());
        // The consumer group Burrow panels watch is the workers' application id.
        Assert.Equal("aggregator", ComposeFile.Load().Service("worker").Env("AGGREGATOR_Streams__ApplicationId"));
    }

    [Fact]
    public void Panels_UseTheProvisionedDatasource_ThatPointsAtTheComposePrometheus()
    {
        var datasource = Assert.Single((YamlSequenceNode)ComposeFile.Child(LoadYaml("deploy/grafana/provisioning/datasources/prometheus.yml"), "datasources")!);
        var uid = ComposeFile.Text(datasource, "uid");
        var url = new Uri(ComposeFile.Text(datasource, "url")!);
        var compose = ComposeFile.Load();

        Assert.Equal("prometheus", ComposeFile.Text(datasource, "type"));
        Assert.True(compose.Services.ContainsKey(url.Host), $"the datasource points at {url.Host}, which is not a compose service");
        Assert.Equal(9090, url.Port);
        Assert.All(Panels, p =>
        {
            Assert.Equal(uid, p.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.All(p.GetProperty("targets").EnumerateArray(), t => Assert.Equal(uid, t.GetProperty("datasource").GetProperty("uid").GetString()));
        });
        Assert.All(_dashboard.GetProperty("templating").GetProperty("list").EnumerateArray(),
            v => Assert.Equal(uid, v.GetProperty("datasource").GetProperty("uid").GetString()));
    }

    [Fact]
    public void DashboardProvider_ReadsTheDirectoryComposeMountsTheDashboardsInto()
    {
        var provider = Assert.Single((YamlSequenceNode)ComposeFile.Child(LoadYaml("deploy/grafana/provisioning/dashboards/aggregator.yml"), "providers")!);
        var grafana = ComposeFile.Load().Service("grafana");
        var path = ComposeFile.Text(ComposeFile.Child(provider, "options")!, "path");

        Assert.Contains(grafana.Volumes, v => v.Source == "./deploy/grafana/dashboards" && v.Target == path);
        Assert.Contains(grafana.Volumes, v => v.Source == "./deploy/grafana/provisioning" && v.Target == "/etc/grafana/provisioning");
        Assert.Equal($"{path}/{Path.GetFileName(DashboardFile)}", grafana.Env("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
    }

    [Fact]
    public void Panels_HaveUniqueIds_AndDoNotOverlap()
    {
        var all = _dashboard.GetProperty("panels").EnumerateArray().ToList();
        var boxes = all.Select(p => p.GetProperty("gridPos")).Select(g => (X: g.GetProperty("x").GetInt32(), Y: g.GetProperty("y").GetInt32(), W: g.GetProperty("w").GetInt32(), H: g.GetProperty("h").GetInt32())).ToList();

        Assert.Equal(all.Count, all.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        Assert.All(boxes, b => Assert.InRange(b.X + b.W, 1, 24));
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                Assert.False(overlap, $"panels {i} and {j} overlap");
            }
        }
    }

    /// <summary>The Prometheus names in the last column of docs/metrics.md's tables.</summary>
    private static HashSet<string> DocumentedMetrics() =>
        RepoPaths.ReadText("docs/metrics.md").Split('\n')
            .Where(l => l.StartsWith('|'))
            .Select(l => l.Trim().Trim('|').Split('|')[^1].Trim().Trim('`'))
            .Where(n => MetricName().IsMatch(n))
            .ToHashSet(StringComparer.Ordinal);

    private static bool IsHistogramSeries(string name, HashSet<string> documented) =>
        new[] { "_bucket", "_sum", "_count" }.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal)
                                                           && documented.Contains(name[..^suffix.Length])
                                                           && name[..^suffix.Length].EndsWith("_seconds", StringComparison.Ordinal));

    private IEnumerable<string> Queries() =>
        Panels.SelectMany(PanelQueries)
            .Concat(_dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("definition").GetString()!));

    private static IEnumerable<string> PanelQueries(JsonElement panel) =>
        panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!);

    private static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(RepoPaths.ReadText(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    [GeneratedRegex(@"\baggregator_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
