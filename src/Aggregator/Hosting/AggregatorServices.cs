using Aggregator.Activity;
using Aggregator.Alarms;
using Aggregator.Reports;
using Aggregator.Topology.Reporting;
using Aggregator.Hosting.Health;
using Aggregator.Hosting.Metrics;
using Aggregator.Hosting.Options;
using Aggregator.Hosting.Outbox;
using Aggregator.Hosting.Status;
using Aggregator.Hosting.Streams;
using Aggregator.Serialization;
using Aggregator.Slack;
using Aggregator.Topology;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting;

/// <summary>Registers the worker's options (validated at start-up), the activity topology and its observers.</summary>
internal static class AggregatorServices
{
    public static IServiceCollection AddAggregator(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        AddValidated<KafkaOptions, KafkaOptionsValidator>(services, configuration, KafkaOptions.SectionName);
        AddValidated<StreamsOptions, StreamsOptionsValidator>(services, configuration, StreamsOptions.SectionName);
        AddValidated<TopicsOptions, TopicsOptionsValidator>(services, configuration, TopicsOptions.SectionName);
        AddValidated<WindowsOptions, WindowsOptionsValidator>(services, configuration, WindowsOptions.SectionName);
        AddValidated<DedupOptions, DedupOptionsValidator>(services, configuration, DedupOptions.SectionName);
        AddValidated<StatusOptions, StatusOptionsValidator>(services, configuration, StatusOptions.SectionName);
        AddValidated<HttpOptions, HttpOptionsValidator>(services, configuration, HttpOptions.SectionName);
        services.AddActivityContract(configuration);
        services.AddSlack(configuration.GetSection(SlackOptions.SectionName));
        services.AddReports(configuration);
        services.AddAlarms(configuration);
        services.AddSingleton<ActivityMetrics>();
        services.AddSingleton<StreamsMetrics>();
        services.AddSingleton<StreamizMetricsBridge>();
        services.AddSingleton<ReportingMetrics>();
        services.AddSingleton<GroupLagMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupLagMonitor>());
        services.AddSingleton<PipelineHealth>();
        services.AddSingleton<IBrokerProbe, KafkaMetadataProbe>();
        services.AddSingleton<BrokerConnectivity>();
        services.AddHostedService(sp => sp.GetRequiredService<BrokerConnectivity>());
        services.AddSingleton<SlackOutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackOutboxDispatcher>());
        services.AddSerialization(configuration);
        services.AddSingleton<StreamsInstance>();
        services.AddSingleton<Privacy.ErasureStream>();
        services.AddSingleton<ActivityTopologyFactory>();
        services.AddHostedService<StreamsWorker>();
        services.AddHostedService<StatusReporter>();
        if (configuration.GetValue<int>($"{HttpOptions.SectionName}:{nameof(HttpOptions.Port)}") > 0)
        {
            // Metrics are collected only when someone can scrape them: the SDK costs a callback per measurement.
            services.AddPrometheusMetrics();
            services.AddHostedService<Http.OperationsServer>();
        }
        services.Configure<Microsoft.Extensions.Hosting.HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return services;
    }

    private static void AddValidated<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section), binder => binder.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }
}
