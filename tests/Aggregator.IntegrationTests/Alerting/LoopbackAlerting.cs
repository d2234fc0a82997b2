using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Operations;

namespace Aggregator.IntegrationTests.Alerting;

/// <summary>
/// A real Prometheus (the repository's rule file, as shipped) and a real Alertmanager (the repository's config) on
/// free loopback ports, scraping one worker and posting to a Slack stand-in. Test-only changes, each for time:
/// scrape and evaluation every second (shipped: 5 s / 15 s) and Alertmanager's group_interval 10 s (shipped: 5 min;
/// it delays only the resolve). The rule's `for:` and group_wait stay as shipped.
/// </summary>
internal sealed class LoopbackAlerting : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly AppProcess _alertmanager;
    private readonly AppProcess _prometheus;

    private LoopbackAlerting(AppProcess alertmanager, AppProcess prometheus, int prometheusPort)
    {
        _alertmanager = alertmanager;
        _prometheus = prometheus;
        PrometheusPort = prometheusPort;
    }

    public int PrometheusPort { get; }

    public string Logs => $"--- prometheus\n{_prometheus.StandardError}\n--- alertmanager\n{_alertmanager.StandardError}";

    public static LoopbackAlerting Start(string work, int workerPort, Uri slackWebhook)
    {
        var (prometheusPort, alertmanagerPort) = (AlertingTools.FreePort(), AlertingTools.FreePort());

        var urlFile = Path.Combine(work, "slack-webhook-url");
        File.WriteAllText(urlFile, slackWebhook.ToString());
        var alertmanagerConfig = RepoPaths.ReadText("deploy/alertmanager/alertmanager.yml");
        var shipped = alertmanagerConfig;
        alertmanagerConfig = alertmanagerConfig
            .Replace("/run/secrets/slack_oncall_webhook_url", urlFile, StringComparison.Ordinal)
            .Replace("group_interval: 5m", "group_interval: 10s", StringComparison.Ordinal);
        Assert.NotEqual(shipped, alertmanagerConfig);
        Assert.Contains(urlFile, alertmanagerConfig, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(work, "alertmanager.yml"), alertmanagerConfig);

        File.WriteAllText(Path.Combine(work, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {RepoPaths.Of("deploy/prometheus/rules/aggregator.rules.yml")}
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ['127.0.0.1:{alertmanagerPort}']
            scrape_configs:
              - job_name: aggregator
                static_configs:
                  - targets: ['127.0.0.1:{workerPort}']
            """);

        var alertmanager = AppProcess.Start(AlertingTools.Require(AlertingTools.Alertmanager),
        [
            $"--config.file={Path.Combine(work, "alertmanager.yml")}",
            $"--storage.path={Directory.CreateDirectory(Path.Combine(work, "alertmanager-data")).FullName}",
            $"--web.listen-address=127.0.0.1:{alertmanagerPort}",
            "--cluster.listen-address=", // no gossip port: a single instance, and nothing else bound
        ], work);
        var prometheus = AppProcess.Start(AlertingTools.Require(AlertingTools.Prometheus),
        [
            $"--config.file={Path.Combine(work, "prometheus.yml")}",
            $"--storage.tsdb.path={Directory.CreateDirectory(Path.Combine(work, "prometheus-data")).FullName}",
            $"--web.listen-address=127.0.0.1:{prometheusPort}",
        ], work);
        return new LoopbackAlerting(alertmanager, prometheus, prometheusPort);
    }

    /// <summary>The value of `up` for the worker as Prometheus last scraped it, null before the first scrape.</summary>
    public async Task<double?> WorkerUpAsync()
    {
        try
        {
            var answer = await _http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{PrometheusPort}/api/v1/query?query=up%7Bjob%3D%22aggregator%22%7D");
            var result = answer.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 0 ? null : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return null; // still starting
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _prometheus.DisposeAsync();
        await _alertmanager.DisposeAsync();
    }
}
