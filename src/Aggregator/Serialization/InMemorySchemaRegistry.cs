using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Confluent.SchemaRegistry;

namespace Aggregator.Serialization;

/// <summary>
/// TEST DOUBLE: a Schema Registry that lives in this process, for the embedded/demo mode and tests — nothing outside
/// the process can read its schemas. Subjects, versions, BACKWARD compatibility on registration (the registry's default;
/// NONE and others are accepted but only BACKWARD and NONE are enforced), 404s with Confluent's error codes.
/// </summary>
/// <remarks>
/// Schema ids are content-addressed — derived from a hash of the schema text — instead of a counter. Each process of a
/// demo or test (two worker instances, the generator, a test reading the topics) has its own registry; registering the
/// same .avsc gives the same id in each, so one process decodes what another wrote without sharing state. The real
/// registry gives equal schemas one id too, but chooses ids by a counter: never rely on these ids' values.
/// </remarks>
internal sealed class InMemorySchemaRegistry : ISchemaRegistryClient
{
    // Confluent's serdes ask the client on every record and count on its caches: one Schema object per id, and an id per
    // schema text computed once (parsing and hashing a schema per record cost more than the Avro encoding itself).
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Schema> _schemas = new();
    private readonly ConcurrentDictionary<string, List<RegisteredSchema>> _subjects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Compatibility> _compatibility = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IEnumerable<KeyValuePair<string, string>> Config { get; } = [];

    public IAuthenticationHeaderValueProvider AuthHeaderProvider => null!;

    public IWebProxy Proxy => null!;

    public int MaxCachedSchemas => int.MaxValue;

    /// <summary>The id this registry gives a schema text (positive, stable across processes).</summary>
    public static int IdOf(string schema) => Ids.GetOrAdd(schema, static text =>
        (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(Avro.Schema.Parse(text).ToString()))) & 0x7FFF_FFFF) | 1);

    public Task<int> RegisterSchemaAsync(string subject, Schema schema, bool normalize = false) =>
        Task.FromResult(Register(subject, schema.SchemaString).Id);

    public Task<int> RegisterSchemaAsync(string subject, string avroSchema, bool normalize = false) =>
        Task.FromResult(Register(subject, avroSchema).Id);

    public Task<RegisteredSchema> RegisterSchemaWithResponseAsync(string subject, Schema schema, bool normalize = false) =>
        Task.FromResult(Register(subject, schema.SchemaString));

    public Task<RegisteredSchema> LookupSchemaAsync(string subject, Schema schema, bool ignoreDeletedSchemas, bool normalize = false) =>
        Task.FromResult(Find(subject, schema.SchemaString) ?? throw NotFound($"Schema not found under subject {subject}", 40403));

    public Task<int> GetSchemaIdAsync(string subject, string avroSchema, bool normalize = false) =>
        Task.FromResult((Find(subject, avroSchema) ?? throw NotFound($"Schema not found under subject {subject}", 40403)).Id);

    public Task<int> GetSchemaIdAsync(string subject, Schema schema, bool normalize = false) => GetSchemaIdAsync(subject, schema.SchemaString, normalize);

    public Task<Schema> GetSchemaAsync(int id, string? format = null) =>
        Task.FromResult(_schemas.TryGetValue(id, out var schema) ? schema : throw NotFound($"Schema {id} not found", 40403));

    public Task<Schema> GetSchemaBySubjectAndIdAsync(string subject, int id, string? format = null) => GetSchemaAsync(id, format);

    public Task<Schema> GetSchemaByGuidAsync(string guid, string? format = null) => throw new NotSupportedException("The in-memory registry has no schema GUIDs.");

    public Task<RegisteredSchema> GetRegisteredSchemaAsync(string subject, int version, bool ignoreDeletedSchemas = true) =>
        Task.FromResult(Versions(subject).FirstOrDefault(schema => schema.Version == version) ?? throw NotFound($"Version {version} not found", 40402));

    public async Task<string> GetSchemaAsync(string subject, int version) => (await GetRegisteredSchemaAsync(subject, version)).SchemaString;

    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject) =>
        Task.FromResult(Latest(subject) ?? throw NotFound($"Subject {subject} not found", 40401));

    public Task<RegisteredSchema> GetLatestWithMetadataAsync(string subject, IDictionary<string, string> metadata, bool ignoreDeletedSchemas) =>
        throw new NotSupportedException("The in-memory registry keeps no schema metadata.");

    public Task<List<string>> GetAllSubjectsAsync() => Task.FromResult(_subjects.Keys.Order(StringComparer.Ordinal).ToList());

    public Task<List<int>> GetSubjectVersionsAsync(string subject) => Task.FromResult(Versions(subject).Select(schema => schema.Version).ToList());

    public Task<bool> IsCompatibleAsync(string subject, Schema schema) => Task.FromResult(Incompatibility(subject, schema.SchemaString) is null);

    public Task<bool> IsCompatibleAsync(string subject, string avroSchema) => Task.FromResult(Incompatibility(subject, avroSchema) is null);

    public Task<Compatibility> GetCompatibilityAsync(string? subject = null) => Task.FromResult(CompatibilityOf(subject));

    public Task<Compatibility> UpdateCompatibilityAsync(Compatibility compatibility, string? subject = null)
    {
        _compatibility[subject ?? string.Empty] = compatibility;
        return Task.FromResult(compatibility);
    }

    public Task<AssociationResponse> CreateAssociationAsync(AssociationCreateOrUpdateRequest request) => throw new NotSupportedException();

    public Task DeleteAssociationsAsync(string resourceId, string resourceType, List<string> associationTypes, bool cascadeLifecycle) => throw new NotSupportedException();

    public Task<List<Association>> GetAssociationsByResourceNameAsync(string resourceName, string resourceNamespace, string resourceType, List<string> associationTypes, string lifecycle, int offset, int limit) =>
        Task.FromResult(new List<Association>()); // Confluent's deserializer asks for a topic's associations: there are none.

    [Obsolete("Confluent's interface marks it obsolete: subject name strategies construct subjects.")]
    public string ConstructKeySubjectName(string topic, string? recordType = null) => topic + "-key";

    [Obsolete("Confluent's interface marks it obsolete: subject name strategies construct subjects.")]
    public string ConstructValueSubjectName(string topic, string? recordType = null) => topic + "-value";

    public void ClearLatestCaches()
    {
    }

    public void ClearCaches()
    {
    }

    public void Dispose()
    {
    }

    private RegisteredSchema Register(string subject, string text)
    {
        lock (_lock)
        {
            if (Find(subject, text) is { } existing)
            {
                return existing;
            }

            if (Incompatibility(subject, text) is { } reason)
            {
                // What Confluent's registry answers: 409, error code 409, and a message naming the problem.
                throw new SchemaRegistryException($"Schema being registered is incompatible with an earlier schema for subject \"{subject}\": {reason}", HttpStatusCode.Conflict, 409);
            }

            var id = IdOf(text);
            _schemas.TryAdd(id, new Schema(text, SchemaType.Avro));
            var versions = _subjects.GetOrAdd(subject, _ => []);
            var registered = new RegisteredSchema(subject, versions.Count + 1, id, text, SchemaType.Avro, []);
            versions.Add(registered);
            return registered;
        }
    }

    private string? Incompatibility(string subject, string text)
    {
        var latest = Latest(subject);
        if (latest is null || CompatibilityOf(subject) == Compatibility.None)
        {
            return null;
        }

        try
        {
            return BackwardCompatibility.Check(Avro.Schema.Parse(text), Avro.Schema.Parse(latest.SchemaString));
        }
        catch (Avro.SchemaParseException ex)
        {
            throw new SchemaRegistryException("Invalid schema: " + ex.Message, (HttpStatusCode)422, 42201);
        }
    }

    private RegisteredSchema? Find(string subject, string text)
    {
        var id = IdOf(text);
        return Versions(subject).FirstOrDefault(schema => schema.Id == id);
    }

    private RegisteredSchema? Latest(string subject) => Versions(subject) is { Count: > 0 } versions ? versions[^1] : null;

    private IReadOnlyList<RegisteredSchema> Versions(string subject)
    {
        lock (_lock)
        {
            return _subjects.TryGetValue(subject, out var versions) ? [.. versions] : [];
        }
    }

    private Compatibility CompatibilityOf(string? subject) =>
        _compatibility.TryGetValue(subject ?? string.Empty, out var own) ? own
        : _compatibility.TryGetValue(string.Empty, out var global) ? global
        : Compatibility.Backward;

    private static SchemaRegistryException NotFound(string message, int code) => new(message, HttpStatusCode.NotFound, code);
}
