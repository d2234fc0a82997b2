using Aggregator.Activity;
using Aggregator.Topology.Serdes;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.Logging;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Serialization;

/// <summary>
/// How the topology reads activity.raw and writes activity.refined and activity.counts, per <c>Serialization:Format</c>.
/// The internal topics (repartition, changelog, reporting) keep their own compact formats: only the app reads them.
/// </summary>
internal sealed record TopicFormats(
    ISerDes<string> RefinedKey,
    ISerDes<RefinedEvent> RefinedValue,
    ISerDes<Windowed<string>> CountsKey,
    ISerDes<WindowedCount> CountsValue,
    RawInputDecoder Raw)
{
    /// <summary>Today's contract: JSON values, string keys, JSON count keys; framed Avro raw input is dead-lettered.</summary>
    public static TopicFormats Json { get; } = new(new StringSerDes(), RefinedEventSerDes.Instance, CountsKeyJsonSerDes.Instance, CountsValueJsonSerDes.Instance, RawInputDecoder.JsonOnly);

    /// <summary>Confluent-framed Avro with the schemas of <see cref="AvroSchemas"/> (registered first: <see cref="SchemaRegistration"/>).</summary>
    public static TopicFormats Avro(ISchemaRegistryClient registry, ILogger? logger = null) => new(
        new ConfluentAvroSerDes<string>(registry, RefinedEventAvro.Key, RefinedEventAvro.Key),
        new ConfluentAvroSerDes<RefinedEvent>(registry, RefinedEventAvro.Value, RefinedEventAvro.Value),
        new ConfluentAvroSerDes<Windowed<string>>(registry, WindowedCountAvro.Key, WindowedCountAvro.Key),
        new ConfluentAvroSerDes<WindowedCount>(registry, WindowedCountAvro.Value, WindowedCountAvro.Value),
        new RawInputDecoder(registry, logger));
}
