using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Aggregator.Hosting.Metrics;

/// <summary>Registers OpenTelemetry metrics with its Prometheus exporter, shaped to docs/metrics.md.</summary>
internal static class PrometheusMetricsServiceCollectionExtensions
{
    /// <summary>The runtime's built-in meter (GC, thread pool, CPU time, working set): no package, no cost until listened to.</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>
    /// Registers <see cref="PrometheusMetricsOptions"/> (validated on start; adjust with
    /// <c>services.Configure&lt;PrometheusMetricsOptions&gt;</c>) and the OpenTelemetry meter provider, which the
    /// host starts, so counts begin at start-up rather than at the first scrape. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<PrometheusMetricsOptions>)))
        {
            return services;
        }

        services.AddOptions<PrometheusMetricsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrometheusMetricsOptions>, PrometheusMetricsOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<ProcessMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter(ConfigureExporter));
        services.ConfigureOpenTelemetryMeterProvider(ConfigureMeters);
        return services;
    }

    private static void ConfigureMeters(IServiceProvider provider, MeterProviderBuilder builder)
    {
        var options = provider.GetRequiredService<IOptions<PrometheusMetricsOptions>>().Value;
        _ = provider.GetRequiredService<ProcessMetrics>(); // its gauge exists from the first scrape on
        builder
            .AddMeter([.. options.MeterNames, ProcessMetrics.MeterName, RuntimeMeterName])
            .AddView(instrument => MetricViews.For(instrument, options));
    }

    // The names docs/metrics.md promises: dots to underscores, _total on counters, unit suffixes (_seconds,
    // _bytes) only where the name lacks them, and no labels or series beyond the instruments' own tags.
    private static void ConfigureExporter(PrometheusAspNetCoreOptions exporter)
    {
        exporter.TranslationStrategy = PrometheusAspNetCoreTranslationStrategy.UnderscoreEscapingWithSuffixes;
        exporter.DisableTotalNameSuffixForCounters = false;
        exporter.ScopeInfoEnabled = false; // else every series gets otel_scope_name/otel_scope_version labels
        exporter.TargetInfoEnabled = false; // else a target_info series of SDK attributes
        exporter.ScrapeResponseCacheDurationMilliseconds = 0; // every scrape reads current values, as before
    }
}
