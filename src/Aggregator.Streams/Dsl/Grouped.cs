using Aggregator.Streams.Serdes;

namespace Aggregator.Streams.Dsl;

/// <summary>Serdes for a grouping, and the name of its repartition topic ("&lt;appId&gt;-&lt;name&gt;-repartition").</summary>
public sealed record Grouped<TKey, TValue>(ISerde<TKey>? KeySerde = null, ISerde<TValue>? ValueSerde = null)
{
    public string? Name { get; init; }

    public static Grouped<TKey, TValue> With(ISerde<TKey> keySerde, ISerde<TValue> valueSerde) => new(keySerde, valueSerde);

    public static Grouped<TKey, TValue> As(string name) => new() { Name = name };

    public Grouped<TKey, TValue> WithName(string name) => this with { Name = name };
}
