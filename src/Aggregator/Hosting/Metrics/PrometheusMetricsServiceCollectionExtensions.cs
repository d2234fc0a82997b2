using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Metrics;

/// <summary>Registers the Prometheus exporter with a host.</summary>
internal static class PrometheusMetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PrometheusMetricsOptions"/> (validated on start; adjust with
    /// <c>services.Configure&lt;PrometheusMetricsOptions&gt;</c>), the singleton
    /// <see cref="PrometheusMetricsCollector"/> and the hosted service that starts it. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddOptions<PrometheusMetricsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrometheusMetricsOptions>, PrometheusMetricsOptionsValidator>());
        services.TryAddSingleton<PrometheusMetricsCollector>();
        services.AddHostedService<PrometheusMetricsHostedService>();
        return services;
    }
}
