using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aggregator.Alarms;

internal static class AlarmsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AlarmOptions"/> (<c>Alarms</c>), validated at start-up so a bad rule stops the host with
    /// one line per problem. Compile the rules with <see cref="AlarmRuleSet.Compile"/> where the count-key layout and
    /// the window advance of the topology are known.
    /// </summary>
    public static IServiceCollection AddAlarms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<AlarmOptions>().Bind(configuration.GetSection(AlarmOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlarmOptions>, AlarmOptionsValidator>());
        return services;
    }
}
