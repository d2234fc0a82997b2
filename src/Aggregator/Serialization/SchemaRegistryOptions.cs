using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Serialization;

/// <summary>
/// How to reach the Schema Registry when <c>Serialization:Format</c> is avro. Bound from <c>SchemaRegistry</c>.
/// With no <see cref="Url"/> on the embedded broker (demo), or with <see cref="InMemory"/>, the worker uses
/// <see cref="InMemorySchemaRegistry"/>, a test double: nothing outside the process can read those schemas.
/// </summary>
internal sealed class SchemaRegistryOptions : IValidatableObject
{
    public const string SectionName = "SchemaRegistry";

    /// <summary>http(s)://host:port[,…] of Confluent Schema Registry.</summary>
    public string? Url { get; set; }

    /// <summary>Use the in-memory test double even on a real cluster (integration tests, experiments).</summary>
    public bool InMemory { get; set; }

    public string? BasicAuthUser { get; set; }

    /// <summary>A secret: never logged or shown in errors. Prefer <see cref="BasicAuthPasswordFile"/>.</summary>
    public string? BasicAuthPassword { get; set; }

    /// <summary>File holding the basic-auth password (e.g. a mounted secret); read at start-up.</summary>
    public string? BasicAuthPasswordFile { get; set; }

    /// <summary>How long to keep trying to register the schemas at start-up before exiting with code 2.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-request timeout of the registry client.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Schemas the client caches (Confluent's default).</summary>
    [Range(1, 1_000_000)]
    public int MaxCachedSchemas { get; set; } = 1000;

    public bool HasUrl => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HasUrl && InMemory)
        {
            yield return new("SchemaRegistry:Url and SchemaRegistry:InMemory exclude each other.", [nameof(Url)]);
        }

        if (HasUrl && Url!.Split(',').Any(url => !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new("SchemaRegistry:Url must be http(s)://host:port[,…].", [nameof(Url)]);
        }

        var hasPassword = !string.IsNullOrEmpty(BasicAuthPassword) || !string.IsNullOrWhiteSpace(BasicAuthPasswordFile);
        if (string.IsNullOrWhiteSpace(BasicAuthUser) == hasPassword)
        {
            yield return new("SchemaRegistry:BasicAuthUser and a password (BasicAuthPassword or BasicAuthPasswordFile) go together.", [nameof(BasicAuthUser)]);
        }

        if (!string.IsNullOrWhiteSpace(BasicAuthPasswordFile) && !File.Exists(BasicAuthPasswordFile))
        {
            yield return new($"SchemaRegistry:BasicAuthPasswordFile {BasicAuthPasswordFile} does not exist.", [nameof(BasicAuthPasswordFile)]);
        }
    }

    /// <summary>The password, read from the file when one is named. A secret: never log it.</summary>
    public string? Password() =>
        string.IsNullOrWhiteSpace(BasicAuthPasswordFile) ? BasicAuthPassword : File.ReadAllText(BasicAuthPasswordFile).Trim();

    public override string ToString() => HasUrl ? Url! + (BasicAuthUser is null ? string.Empty : " (basic auth as " + BasicAuthUser + ")") : "in-memory registry (test double)";
}

[OptionsValidator]
internal sealed partial class SchemaRegistryOptionsValidator : IValidateOptions<SchemaRegistryOptions>;
