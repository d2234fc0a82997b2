using Microsoft.Extensions.Hosting;

namespace Aggregator.Hosting.Metrics;

/// <summary>
/// Starts the collector with the host, so counts begin at startup rather than at the first scrape (a singleton
/// is otherwise created on first use). The container disposes the collector when the host is disposed.
/// </summary>
internal sealed class PrometheusMetricsHostedService(PrometheusMetricsCollector collector) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        collector.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
