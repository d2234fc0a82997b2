using System.Net;
using Aggregator.Hosting.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Aggregator.Tests.Hosting.Metrics;

/// <summary>
/// Shaped like the worker's operations endpoint: the meter provider lives in a generic host, and a Kestrel of its
/// own on 127.0.0.1 (port 0: the OS picks a free one) serves it, scraped over HTTP.
/// </summary>
internal sealed class MetricsEndpoint : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly WebApplication _app;

    private MetricsEndpoint(IHost host, WebApplication app, HttpClient client)
    {
        _host = host;
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<MetricsEndpoint> StartAsync(Action<PrometheusMetricsOptions>? configure = null, string pattern = "/metrics")
    {
        var hostBuilder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        hostBuilder.Services.AddPrometheusMetrics();
        if (configure is not null)
        {
            hostBuilder.Services.Configure(configure);
        }

        var host = hostBuilder.Build();
        await host.StartAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPrometheusMetrics(host.Services.GetRequiredService<MeterProvider>(), pattern);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        // No proxy: an http_proxy in the environment must not intercept a loopback request.
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
        return new MetricsEndpoint(host, app, client);
    }

    /// <summary>Scrapes <c>/metrics</c> and parses it strictly.</summary>
    public async Task<Exposition> ScrapeAsync() => Exposition.Parse(await Client.GetStringAsync("/metrics"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
    }
}
