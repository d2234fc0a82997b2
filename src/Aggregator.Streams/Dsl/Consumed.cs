using Aggregator.Streams.Serdes;

namespace Aggregator.Streams.Dsl;

/// <summary>How to read a source topic: serdes, timestamp extraction, node name.</summary>
public sealed record Consumed<TKey, TValue>(ISerde<TKey> KeySerde, ISerde<TValue> ValueSerde)
{
    /// <summary>(key, value, record timestamp) → event time in epoch ms; default: the record's timestamp.</summary>
    public Func<TKey, TValue, long, long>? TimestampExtractor { get; init; }

    public string? Name { get; init; }

    public static Consumed<TKey, TValue> With(ISerde<TKey> keySerde, ISerde<TValue> valueSerde) => new(keySerde, valueSerde);

    public Consumed<TKey, TValue> WithTimestampExtractor(Func<TKey, TValue, long, long> extractor) => this with { TimestampExtractor = extractor };

    public Consumed<TKey, TValue> WithName(string name) => this with { Name = name };
}
