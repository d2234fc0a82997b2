using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aggregator.Activity;

internal static class ActivityServiceCollectionExtensions
{
    /// <summary>
    /// Registers the activity contract: <see cref="ActivityRefiner"/> (with its parser and sanitizer) and
    /// <see cref="CountKeyBuilder"/>, with options bound from <c>Activity:Validation</c>,
    /// <c>Activity:Masking</c>, <c>Privacy</c> and <c>Counts</c> and validated at start-up, so a bad <c>Counts:GroupBy</c>
    /// stops the host before it consumes anything.
    /// </summary>
    public static IServiceCollection AddActivityContract(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ActivityValidationOptions>()
            .Bind(configuration.GetSection(ActivityValidationOptions.SectionName));
        services.AddOptionsWithValidateOnStart<ActivityMaskingOptions>()
            .Bind(configuration.GetSection(ActivityMaskingOptions.SectionName));
        services.AddOptionsWithValidateOnStart<PrivacyOptions>()
            .Bind(configuration.GetSection(PrivacyOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true);
        services.AddOptionsWithValidateOnStart<CountingOptions>()
            .Bind(configuration.GetSection(CountingOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ActivityValidationOptions>, ActivityValidationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ActivityMaskingOptions>, ActivityMaskingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CountingOptions>, CountingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RawEventParser>();
        services.TryAddSingleton<QueryStringSanitizer>();
        services.TryAddSingleton<PropertyAllowList>();
        services.TryAddSingleton<ActivityRefiner>();
        services.TryAddSingleton<CountKeyBuilder>();
        return services;
    }
}
