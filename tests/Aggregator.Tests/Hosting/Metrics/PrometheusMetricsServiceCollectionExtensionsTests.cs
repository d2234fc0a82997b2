using System.Diagnostics.Metrics;
using Aggregator.Hosting.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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
    public async Task Collector_StartsWithTheHost_AndIsDisposedWithIt()
    {
        var meterName = "Test." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<int>("c");
        var host = BuildHost(o => o.MeterNames = [meterName]);
        var collector = host.Services.GetRequiredService<PrometheusMetricsCollector>();

        counter.Add(1);
        Assert.False(counter.Enabled);
        await host.StartAsync();
        counter.Add(2);
        var scraped = Exposition.Parse(PrometheusTextWriter.WriteToString(collector.Collect())).Value("c_total");
        await host.StopAsync();
        host.Dispose();

        Assert.Equal(2, scraped);
        Assert.False(counter.Enabled);
        Assert.Empty(collector.Collect());
    }

    [Fact]
    public void AddPrometheusMetrics_Twice_RegistersOnce()
    {
        var services = new ServiceCollection();

        services.AddPrometheusMetrics().AddPrometheusMetrics();

        Assert.Single(services, d => d.ServiceType == typeof(PrometheusMetricsCollector) && d.Lifetime == ServiceLifetime.Singleton);
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(PrometheusMetricsHostedService));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<PrometheusMetricsOptions>));
    }

    [Fact]
    public async Task InvalidOptions_FailTheHostStart()
    {
        using var host = BuildHost(o => o.HistogramBucketBoundaries = [1, 0.5]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("strictly ascending", error.Message);
    }
}
