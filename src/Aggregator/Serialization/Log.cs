using Microsoft.Extensions.Logging;

namespace Aggregator.Serialization;

/// <summary>Source-generated log messages of Avro and the Schema Registry (event ids 2700–2799). Never the password.</summary>
internal static partial class Log
{
    [LoggerMessage(2701, LogLevel.Information, "Serialization: {Format}; schemas registered in {Registry}: {Subjects}")]
    public static partial void SchemasRegistered(ILogger logger, string format, string registry, string subjects);

    [LoggerMessage(2702, LogLevel.Warning, "The schema registry is an in-memory test double (no SchemaRegistry:Url): nothing outside this process can read these schemas")]
    public static partial void InMemoryRegistry(ILogger logger);

    [LoggerMessage(2703, LogLevel.Warning, "Schema registry unreachable at start-up ({Reason}); retrying until {Deadline:O}")]
    public static partial void RegistryUnreachableAtStartup(ILogger logger, string reason, DateTimeOffset deadline);

    [LoggerMessage(2704, LogLevel.Warning, "Schema registry unreachable while decoding raw schema id {SchemaId} ({Reason}); retrying in {Seconds:F0} s, the record waits")]
    public static partial void RegistryUnreachable(ILogger logger, int schemaId, string reason, double seconds);

    [LoggerMessage(2705, LogLevel.Information, "Schema registry reachable again after {Attempts} attempts")]
    public static partial void RegistryReachableAgain(ILogger logger, int attempts);
}
