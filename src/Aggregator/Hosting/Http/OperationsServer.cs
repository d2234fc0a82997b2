using System.Net;
using Aggregator.Hosting.Metrics;
using Aggregator.Hosting.Health;
using Aggregator.Hosting.Options;
using Aggregator.Hosting.Streams;
using Aggregator.Topology;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Aggregator.Hosting.Http;

/// <summary>
/// The operations endpoint on <c>Http:Port</c> (off when 0): liveness, readiness, Prometheus metrics and the
/// /counts interactive query. A small Kestrel app of its own, so the worker host carries no web stack when off.
/// </summary>
internal sealed class OperationsServer(
    IOptions<HttpOptions> options,
    MeterProvider metrics,
    StreamsInstance streams,
    BrokerConnectivity brokers,
    GroupLagMonitor lag,
    StreamsMetrics streamsMetrics,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var http = options.Value;
        if (http.Port == 0)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(streams);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(http.Host), http.Port));
        _app = builder.Build();
        _app.MapHealth(streams, brokers, lag);
        _app.MapPrometheusMetrics(metrics);
        _app.MapCounts(streams, streamsMetrics, time);
        await _app.StartAsync(cancellationToken);
        Log.OperationsEndpoint(loggerFactory.CreateLogger<OperationsServer>(), http.Host, http.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
