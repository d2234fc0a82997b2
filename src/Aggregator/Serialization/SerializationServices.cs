using Aggregator.Hosting.Options;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aggregator.Serialization;

/// <summary>Registers <c>Serialization</c> and <c>SchemaRegistry</c> (validated at start-up), the registry client and the topic formats.</summary>
internal static class SerializationServices
{
    /// <summary>Call before the streams worker is added: the schema registration must run (and may refuse) first.</summary>
    public static IServiceCollection AddSerialization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SerializationOptions>()
            .Bind(configuration.GetSection(SerializationOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SerializationOptions>, SerializationOptionsValidator>());
        services.AddOptions<SchemaRegistryOptions>()
            .Bind(configuration.GetSection(SchemaRegistryOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchemaRegistryOptions>, SchemaRegistryOptionsValidator>());

        // Created only when the Avro format asks for it: a JSON worker never talks to a registry.
        services.AddSingleton<ISchemaRegistryClient>(sp => SchemaRegistryClients.Create(
            sp.GetRequiredService<IOptions<SchemaRegistryOptions>>().Value,
            sp.GetRequiredService<IOptions<KafkaOptions>>().Value.IsEmbedded));
        services.AddSingleton<TopicFormatsSource>();
        services.AddHostedService<SchemaRegistration>();
        return services;
    }
}
