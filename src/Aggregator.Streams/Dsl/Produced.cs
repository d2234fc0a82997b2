using Aggregator.Streams.Serdes;

namespace Aggregator.Streams.Dsl;

/// <summary>How to write a sink topic: serdes and node name.</summary>
public sealed record Produced<TKey, TValue>(ISerde<TKey>? KeySerde = null, ISerde<TValue>? ValueSerde = null)
{
    public string? Name { get; init; }

    public static Produced<TKey, TValue> With(ISerde<TKey> keySerde, ISerde<TValue> valueSerde) => new(keySerde, valueSerde);

    public Produced<TKey, TValue> WithName(string name) => this with { Name = name };
}
