using Aggregator.Streams.Serdes;

namespace Aggregator.Streams.Dsl;

/// <summary>An explicit repartition: its topic name, serdes and (optionally) partition count.</summary>
public sealed record Repartitioned<TKey, TValue>(string Name)
{
    public ISerde<TKey>? KeySerde { get; init; }

    public ISerde<TValue>? ValueSerde { get; init; }

    /// <summary>Null: as many as the source partitions of the writing sub-topology.</summary>
    public int? NumberOfPartitions { get; init; }

    public static Repartitioned<TKey, TValue> As(string name) => new(name);

    public Repartitioned<TKey, TValue> With(ISerde<TKey> keySerde, ISerde<TValue> valueSerde) => this with { KeySerde = keySerde, ValueSerde = valueSerde };

    public Repartitioned<TKey, TValue> WithNumberOfPartitions(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return this with { NumberOfPartitions = partitions };
    }
}
