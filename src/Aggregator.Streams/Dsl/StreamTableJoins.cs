using Aggregator.Streams.Processors.Operators;

namespace Aggregator.Streams.Dsl;

/// <summary>Stream–table joins (the key types must be non-null: a table has no null keys).</summary>
public static class StreamTableJoins
{
    /// <summary>Inner join: records whose key is not in the table are dropped.</summary>
    public static KStream<TKey, TResult> Join<TKey, TValue, TTable, TResult>(
        this KStream<TKey, TValue> stream, KTable<TKey, TTable> table, Func<TValue, TTable, TResult> joiner, string? name = null)
        where TKey : notnull => JoinTable(stream, table, joiner, leftJoin: false, name);

    /// <summary>Left join: records whose key is not in the table pass with the table type's default value.</summary>
    public static KStream<TKey, TResult> LeftJoin<TKey, TValue, TTable, TResult>(
        this KStream<TKey, TValue> stream, KTable<TKey, TTable> table, Func<TValue, TTable, TResult> joiner, string? name = null)
        where TKey : notnull => JoinTable(stream, table, joiner, leftJoin: true, name);

    private static KStream<TKey, TResult> JoinTable<TKey, TValue, TTable, TResult>(
        KStream<TKey, TValue> stream, KTable<TKey, TTable> table, Func<TValue, TTable, TResult> joiner, bool leftJoin, string? name)
        where TKey : notnull
    {
        var builder = stream.Builder;
        // A stream whose keys changed must be repartitioned to meet the co-partitioned table.
        var input = stream.RepartitionRequired
            ? stream.ThroughRepartitionTopic(name ?? builder.Inner.NewName("join"), table.KeySerde, stream.ValueSerde, null)
            : stream;
        var storeName = table.StoreName ?? throw new InvalidOperationException("Only materialized tables can be joined.");
        var node = builder.AddProcessor(name ?? builder.Inner.NewName(leftJoin ? "left-join" : "join"),
            () => new KStreamKTableJoin<TKey, TValue, TTable, TResult>(storeName, joiner, leftJoin), input.Node, storeName);
        return new KStream<TKey, TResult>(builder, node, input.KeySerde, null, repartitionRequired: false);
    }
}
