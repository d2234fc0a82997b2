using Aggregator.Serialization;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;

namespace Aggregator.Demo;

/// <summary>
/// The generator's wire format for raw values: JSON as generated, or (<c>--format avro</c>) each valid event rewritten
/// as a <c>raw-value.avsc</c> record by Confluent's serializer (topic-name subject, registered on first use, like a
/// collector would). Values that are not a valid event (the malformed share) are sent as they are.
/// </summary>
internal sealed class RawValueEncoder : IDisposable
{
    private readonly ISchemaRegistryClient? _registry;
    private readonly ISerializer<GenericRecord>? _avro;
    private readonly SerializationContext _context;

    private RawValueEncoder(ISchemaRegistryClient? registry, string topic)
    {
        _registry = registry;
        _avro = registry is null ? null : new AvroSerializer<GenericRecord>(registry).AsSyncOverAsync();
        _context = new SerializationContext(MessageComponentType.Value, topic);
    }

    public static RawValueEncoder For(GeneratorOptions options) => options.Format == SerializationOptions.Avro
        ? new RawValueEncoder(
            string.IsNullOrWhiteSpace(options.SchemaRegistryUrl)
                ? new InMemorySchemaRegistry()
                : new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = options.SchemaRegistryUrl }),
            options.Topic)
        : new RawValueEncoder(null, options.Topic);

    public byte[] Encode(byte[] json) =>
        _avro is not null && RawEventAvro.FromContractJson(json) is { } record ? _avro.Serialize(record, _context) : json;

    public void Dispose() => _registry?.Dispose();
}
