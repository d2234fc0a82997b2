using YamlDotNet.RepresentationModel;

namespace Aggregator.IntegrationTests.Operations;

/// <summary>deploy/prometheus/prometheus.yml against the compose services it scrapes.</summary>
public sealed class PrometheusConfigTests
{
    private const string ConfigFile = "deploy/prometheus/prometheus.yml";

    private readonly ComposeFile _compose = ComposeFile.Load();
    private readonly YamlMappingNode _config = LoadConfig();

    [Theory]
    [InlineData("aggregator", "worker")]
    [InlineData("aggregator-sasl", "worker-sasl")]
    public void ScrapeJob_FindsEveryWorkerReplica_ByServiceName_OnTheHttpPort(string jobName, string serviceName)
    {
        var worker = _compose.Service(serviceName);
        var job = Job(jobName);
        var discovery = Assert.Single((YamlSequenceNode)ComposeFile.Child(job, "dns_sd_configs")!);
        var names = ((YamlSequenceNode)ComposeFile.Child(discovery, "names")!).Select(ComposeFile.Scalar).ToList();

        // A and not SRV: Docker's DNS answers a service name with one A record per replica, and has no SRV records.
        Assert.Equal([serviceName], names);
        Assert.Equal("A", ComposeFile.Text(discovery, "type"));
        Assert.Equal(worker.Env("AGGREGATOR_Http__Port"), ComposeFile.Text(discovery, "port"));
        Assert.Equal("/metrics", ComposeFile.Text(job, "metrics_path") ?? "/metrics");
        Assert.True(worker.Replicas > 1, "DNS discovery is there for replicas");
    }

    [Fact]
    public void PrometheusService_MountsThisFile_WhereTheImageReadsItsConfiguration()
    {
        var prometheus = _compose.Service("prometheus");

        Assert.StartsWith("prom/prometheus:v3.", prometheus.Image);
        Assert.Empty(prometheus.Command); // the image's default command reads /etc/prometheus/prometheus.yml
        Assert.Contains(prometheus.Volumes, v => v.Source == "./" + ConfigFile && v.Target == "/etc/prometheus/prometheus.yml" && v.ReadOnly);
    }

    [Fact]
    public void ScrapeInterval_IsShortEnoughForRatePanels()
    {
        var global = (YamlMappingNode)ComposeFile.Child(_config, "global")!;
        var interval = ComposeFile.Text(global, "scrape_interval")!;

        Assert.Matches("^[0-9]+s$", interval);
        Assert.InRange(int.Parse(interval.TrimEnd('s')), 1, 15);
    }

    private YamlMappingNode Job(string name) =>
        Assert.Single(((YamlSequenceNode)ComposeFile.Child(_config, "scrape_configs")!).Cast<YamlMappingNode>(),
            j => ComposeFile.Text(j, "job_name") == name);

    private static YamlMappingNode LoadConfig()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(RepoPaths.ReadText(ConfigFile));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
