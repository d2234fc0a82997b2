using System.Diagnostics.Metrics;
using Aggregator.Hosting.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Aggregator.Tests.Hosting.Metrics;

public sealed class PrometheusMetricsServiceCollectionExtensionsTests
{
    private static IHost BuildHost(Action<PrometheusMetricsOptions> configure)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPrometheusMetrics();
        builder.Services.Configure(configure);
        return builder.Build();
    }

    [Fact]
    public async Task MeterProvider_ListensFromHostStart_UntilTheHostIsDisposed()
    {
        var meterName = "Test." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<int>("c");
        var host = BuildHost(o => o.MeterNames = [meterName]);

        Assert.False(counter.Enabled);
        await host.StartAsync();
        var enabledWhileRunning = counter.Enabled;
        await host.StopAsync();
        host.Dispose();

        Assert.True(enabledWhileRunning);
        Assert.False(counter.Enabled);
    }

    [Fact]
    public void AddPrometheusMetrics_Twice_RegistersOnce()
    {
        var services = new ServiceCollection();

        services.AddPrometheusMetrics();
        var once = services.Count;
        services.AddPrometheusMetrics();

        Assert.Equal(once, services.Count);
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<PrometheusMetricsOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(MeterProvider));
    }

    [Fact]
    public async Task InvalidOptions_FailTheHostStart()
    {
        using var host = BuildHost(o => o.HistogramBucketBoundaries = [1, 0.5]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("strictly ascending", error.Message);
    }
}
