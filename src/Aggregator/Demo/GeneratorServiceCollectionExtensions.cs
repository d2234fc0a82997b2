using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aggregator.Demo;

/// <summary>Registers the traffic generator with a host.</summary>
internal static class GeneratorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GeneratorOptions"/> (bound from the <c>Generator</c> section, validated on start),
    /// <see cref="TrafficProducer"/> and <see cref="OptOutPublisher"/>. The returned builder lets the caller
    /// adjust the options, e.g. point them at an embedded broker with <c>PostConfigure</c>.
    /// </summary>
    public static OptionsBuilder<GeneratorOptions> AddTrafficGenerator(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrafficProducer>();
        services.TryAddSingleton<OptOutPublisher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GeneratorOptions>, GeneratorOptionsValidator>());
        return services.AddOptions<GeneratorOptions>()
            .Configure(options => GeneratorConfiguration.Bind(configuration.GetSection(GeneratorOptions.SectionName), options))
            .ValidateOnStart();
    }

    /// <summary>Also runs the generator as a hosted service (publishing opt-outs first).</summary>
    public static IServiceCollection AddTrafficGeneratorHostedService(this IServiceCollection services)
    {
        services.AddHostedService<GeneratorHostedService>();
        return services;
    }
}
