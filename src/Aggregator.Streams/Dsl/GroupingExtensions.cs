namespace Aggregator.Streams.Dsl;

/// <summary>Grouping by the existing key (which must be non-null to be grouped).</summary>
public static class GroupingExtensions
{
    /// <summary>Groups by the current key; repartitions first if an earlier operator changed keys.</summary>
    public static KGroupedStream<TKey, TValue> GroupByKey<TKey, TValue>(this KStream<TKey, TValue> stream, Grouped<TKey, TValue>? grouped = null)
        where TKey : notnull =>
        new(stream.Builder, stream, grouped?.KeySerde ?? stream.KeySerde, grouped?.ValueSerde ?? stream.ValueSerde, grouped?.Name);
}
