using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Serialization;

/// <summary>
/// The thin adapter Streamiz's own Avro SerDes package would be (it is not served): Confluent's
/// <see cref="AvroSerializer{T}"/>/<see cref="AvroDeserializer{T}"/> over <see cref="GenericRecord"/> behind Streamiz's
/// <see cref="ISerDes{T}"/>, with the mapping to the app's type on either side. Confluent does the wire format (magic
/// byte 0, big-endian schema id, Avro binary), the topic-name subject (<c>&lt;topic&gt;-key|value</c>, from the
/// context Streamiz passes) and the schema-id caching.
/// </summary>
/// <remarks>
/// Schemas are registered once at start-up (<see cref="SchemaRegistration"/>), so an incompatible schema stops the
/// worker there with exit 2 rather than failing a stream thread; the serializer then only looks the id up, from its
/// client's cache after the first record. Streamiz's serdes are synchronous: the calls block on Confluent's tasks,
/// which complete synchronously once the id is cached.
/// </remarks>
internal sealed class ConfluentAvroSerDes<T> : AbstractSerDes<T>
{
    private readonly ISerializer<GenericRecord> _serializer;
    private readonly IDeserializer<GenericRecord> _deserializer;
    private readonly Func<T, GenericRecord> _toRecord;
    private readonly Func<GenericRecord, T> _fromRecord;

    public ConfluentAvroSerDes(ISchemaRegistryClient registry, Func<T, GenericRecord> toRecord, Func<GenericRecord, T> fromRecord)
    {
        _serializer = new AvroSerializer<GenericRecord>(registry, new AvroSerializerConfig
        {
            AutoRegisterSchemas = false,
            SubjectNameStrategy = SubjectNameStrategy.Topic,
        }).AsSyncOverAsync();
        _deserializer = new AvroDeserializer<GenericRecord>(registry).AsSyncOverAsync();
        _toRecord = toRecord;
        _fromRecord = fromRecord;
    }

    public override byte[] Serialize(T data, SerializationContext context) =>
        data is null ? null! : _serializer.Serialize(_toRecord(data), context);

    public override T Deserialize(byte[] data, SerializationContext context) =>
        data is null ? default! : _fromRecord(_deserializer.Deserialize(data, isNull: false, context));
}
