using Confluent.SchemaRegistry;

namespace Aggregator.Serialization;

/// <summary>The registry client the options ask for: Confluent's caching HTTP client, or the in-memory test double.</summary>
internal static class SchemaRegistryClients
{
    /// <summary>The in-memory double serves when asked for, or with no URL on the embedded broker (the demo needs no registry).</summary>
    public static bool UsesInMemory(SchemaRegistryOptions options, bool embeddedBroker) => options.InMemory || (!options.HasUrl && embeddedBroker);

    public static ISchemaRegistryClient Create(SchemaRegistryOptions options, bool embeddedBroker)
    {
        if (UsesInMemory(options, embeddedBroker))
        {
            return new InMemorySchemaRegistry();
        }

        if (!options.HasUrl)
        {
            throw new Cli.ConfigurationException("SchemaRegistry:Url is required when Serialization:Format is avro on a real cluster (SchemaRegistry:InMemory=true runs the in-memory test double)");
        }

        var config = new SchemaRegistryConfig
        {
            Url = options.Url,
            RequestTimeoutMs = (int)options.RequestTimeout.TotalMilliseconds,
            MaxCachedSchemas = options.MaxCachedSchemas,
        };
        if (!string.IsNullOrWhiteSpace(options.BasicAuthUser))
        {
            config.BasicAuthCredentialsSource = AuthCredentialsSource.UserInfo;
            config.BasicAuthUserInfo = options.BasicAuthUser + ":" + options.Password();
        }

        return new CachedSchemaRegistryClient(config);
    }
}
