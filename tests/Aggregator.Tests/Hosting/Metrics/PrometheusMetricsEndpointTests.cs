using System.Diagnostics.Metrics;
using System.Net;
using Aggregator.Hosting.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aggregator.Tests.Hosting.Metrics;

/// <summary>End to end: a real Kestrel on 127.0.0.1 (port 0: the OS picks a free one), scraped over HTTP.</summary>
public sealed class PrometheusMetricsEndpointTests
{
    private static async Task<(WebApplication App, HttpClient Client)> StartAsync(string meterName, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddPrometheusMetrics();
        builder.Services.Configure<PrometheusMetricsOptions>(o => o.MeterNames = [meterName]);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        // No proxy: an http_proxy in the environment must not intercept a loopback request.
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
        return (app, client);
    }

    [Fact]
    public async Task GetMetrics_ServesTheRecordedSeriesInTextFormat004()
    {
        var meterName = "Aggregator.Test" + Guid.NewGuid().ToString("N");
        var (app, client) = await StartAsync(meterName, a => a.MapPrometheusMetrics());
        await using var _ = app;
        using var __ = client;
        using var meter = new Meter(meterName);
        meter.CreateCounter<long>("aggregator.events.dead_lettered", description: "Events sent to the dead-letter topic.")
            .Add(3, new KeyValuePair<string, object?>("reason", "invalid_json"));
        meter.CreateHistogram<double>("aggregator.streams.commit.duration", unit: "s").Record(0.02);
        meter.CreateObservableGauge("aggregator.streams.tasks.running", () => 4);

        using var response = await client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var scrape = Exposition.Parse(body);
        Assert.Equal("Events sent to the dead-letter topic.", scrape.Family("aggregator_events_dead_lettered_total").Help);
        Assert.Equal(3, scrape.Value("aggregator_events_dead_lettered_total", ("reason", "invalid_json")));
        Assert.Equal(1, scrape.Value("aggregator_streams_commit_duration_seconds_bucket", ("le", "0.025")));
        Assert.Equal(1, scrape.Value("aggregator_streams_commit_duration_seconds_count"));
        Assert.Equal(4, scrape.Value("aggregator_streams_tasks_running"));
    }

    [Fact]
    public async Task MapPrometheusMetrics_ServesOnlyGetOnTheGivenPattern()
    {
        var meterName = "Test." + Guid.NewGuid().ToString("N");
        var (app, client) = await StartAsync(meterName, a => a.MapPrometheusMetrics("/internal/metrics"));
        await using var _ = app;
        using var __ = client;
        using var meter = new Meter(meterName);
        meter.CreateCounter<int>("c").Add(1);

        using var custom = await client.GetAsync("/internal/metrics");
        using var defaultPath = await client.GetAsync("/metrics");
        using var post = await client.PostAsync("/internal/metrics", new StringContent(""));

        Assert.Equal(HttpStatusCode.OK, custom.StatusCode);
        Assert.Equal(1, Exposition.Parse(await custom.Content.ReadAsStringAsync()).Value("c_total"));
        Assert.Equal(HttpStatusCode.NotFound, defaultPath.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }
}
