using Aggregator.Streams.Processors;
using Aggregator.Streams.Processors.Operators;
using Aggregator.Streams.Runtime.Nodes;
using Aggregator.Streams.Serdes;
using Aggregator.Streams.Topology;

namespace Aggregator.Streams.Dsl;

/// <summary>
/// An unbounded stream of records. Operators return new streams; nothing runs until the topology is built
/// and started. Key-changing operators (Map, SelectKey, FlatMap) mark the stream so that a later grouping or
/// join goes through a repartition topic, as in Kafka Streams.
/// </summary>
public sealed class KStream<TKey, TValue>
{
    private readonly StreamsBuilder _builder;

    internal KStream(StreamsBuilder builder, NodeDefinition node, ISerde<TKey>? keySerde, ISerde<TValue>? valueSerde, bool repartitionRequired)
    {
        _builder = builder;
        Node = node;
        KeySerde = keySerde ?? Serdes.Serdes.DefaultFor<TKey>();
        ValueSerde = valueSerde ?? Serdes.Serdes.DefaultFor<TValue>();
        RepartitionRequired = repartitionRequired;
    }

    internal NodeDefinition Node { get; }

    internal ISerde<TKey>? KeySerde { get; }

    internal ISerde<TValue>? ValueSerde { get; }

    internal bool RepartitionRequired { get; }

    public KStream<TKey, TValue> Filter(Func<TKey, TValue, bool> predicate, string? name = null) =>
        Same(Add(name, "filter", () => new KStreamFilter<TKey, TValue>(predicate, negate: false)));

    public KStream<TKey, TValue> FilterNot(Func<TKey, TValue, bool> predicate, string? name = null) =>
        Same(Add(name, "filter-not", () => new KStreamFilter<TKey, TValue>(predicate, negate: true)));

    public KStream<TKeyOut, TValueOut> Map<TKeyOut, TValueOut>(Func<TKey, TValue, KeyValuePair<TKeyOut, TValueOut>> mapper, string? name = null) =>
        new(_builder, Add(name, "map", () => new KStreamMap<TKey, TValue, TKeyOut, TValueOut>(mapper)), null, null, repartitionRequired: true);

    public KStream<TKey, TValueOut> MapValues<TValueOut>(Func<TValue, TValueOut> mapper, string? name = null) =>
        MapValues((_, value) => mapper(value), name);

    public KStream<TKey, TValueOut> MapValues<TValueOut>(Func<TKey, TValue, TValueOut> mapper, string? name = null) =>
        new(_builder, Add(name, "map-values", () => new KStreamMapValues<TKey, TValue, TValueOut>(mapper)), KeySerde, null, RepartitionRequired);

    public KStream<TKeyOut, TValue> SelectKey<TKeyOut>(Func<TKey, TValue, TKeyOut> selector, string? name = null) =>
        new(_builder, Add(name, "select-key", () => new KStreamMap<TKey, TValue, TKeyOut, TValue>((k, v) => new(selector(k, v), v))), null, ValueSerde, repartitionRequired: true);

    public KStream<TKeyOut, TValueOut> FlatMap<TKeyOut, TValueOut>(Func<TKey, TValue, IEnumerable<KeyValuePair<TKeyOut, TValueOut>>> mapper, string? name = null) =>
        new(_builder, Add(name, "flat-map", () => new KStreamFlatMap<TKey, TValue, TKeyOut, TValueOut>(mapper)), null, null, repartitionRequired: true);

    public KStream<TKey, TValueOut> FlatMapValues<TValueOut>(Func<TValue, IEnumerable<TValueOut>> mapper, string? name = null) =>
        new(_builder, Add(name, "flat-map-values", () => new KStreamFlatMapValues<TKey, TValue, TValueOut>((_, v) => mapper(v))), KeySerde, null, RepartitionRequired);

    public KStream<TKey, TValue> Peek(Action<TKey, TValue> action, string? name = null) =>
        Same(Add(name, "peek", () => new KStreamPeek<TKey, TValue>(action)));

    /// <summary>Splits the stream by predicates; each record goes to the first branch it matches.</summary>
    public BranchedKStream<TKey, TValue> Split(string? namePrefix = null) => new(_builder, this, namePrefix ?? _builder.Inner.NewName("split") + "-");

    /// <summary>Interleaves this stream with <paramref name="other"/>.</summary>
    public KStream<TKey, TValue> Merge(KStream<TKey, TValue> other, string? name = null)
    {
        var nodeName = name ?? _builder.Inner.NewName("merge");
        var node = _builder.Inner.AddProcessor(nodeName,
            () => new ProcessorNodeImpl<TKey, TValue, TKey, TValue>(nodeName, new KStreamPassThrough<TKey, TValue>()),
            [Node, other.Node]);
        return new KStream<TKey, TValue>(_builder, node, KeySerde ?? other.KeySerde, ValueSerde ?? other.ValueSerde, RepartitionRequired || other.RepartitionRequired);
    }

    /// <summary>Writes the stream to a topic (its key decides the partition).</summary>
    public void To(string topic, Produced<TKey, TValue>? produced = null)
    {
        var keySerde = produced?.KeySerde ?? KeySerde ?? throw MissingSerde("key", topic);
        var valueSerde = produced?.ValueSerde ?? ValueSerde ?? throw MissingSerde("value", topic);
        var name = produced?.Name ?? _builder.Inner.NewName("sink");
        _builder.Inner.AddSink(name, topic, isRepartition: false, partitions: null,
            () => new SinkNode<TKey, TValue>(name, topic, false, keySerde, valueSerde), Node);
    }

    /// <summary>Routes the stream through an internal topic "&lt;appId&gt;-&lt;name&gt;-repartition", partitioned by key.</summary>
    public KStream<TKey, TValue> Repartition(Repartitioned<TKey, TValue> repartitioned) =>
        ThroughRepartitionTopic(repartitioned.Name, repartitioned.KeySerde ?? KeySerde, repartitioned.ValueSerde ?? ValueSerde, repartitioned.NumberOfPartitions);

    /// <summary>Groups by a new key; the stream is repartitioned by it before aggregating.</summary>
    public KGroupedStream<TKeyOut, TValue> GroupBy<TKeyOut>(Func<TKey, TValue, TKeyOut> selector, Grouped<TKeyOut, TValue>? grouped = null)
        where TKeyOut : notnull
    {
        var selected = SelectKey(selector, grouped?.Name is { } groupName ? groupName + "-select-key" : null);
        return new KGroupedStream<TKeyOut, TValue>(_builder, selected, grouped?.KeySerde, grouped?.ValueSerde ?? ValueSerde, grouped?.Name);
    }

    /// <summary>
    /// Attaches a processor-API processor (with the named stores) and returns the stream of what it forwards.
    /// A processor may change keys: group or join its output only after a repartition.
    /// </summary>
    public KStream<TKeyOut, TValueOut> Process<TKeyOut, TValueOut>(
        Func<IProcessor<TKey, TValue, TKeyOut, TValueOut>> supplier, string? name = null, params string[] stores) =>
        new(_builder, _builder.AddProcessor(name ?? _builder.Inner.NewName("process"), supplier, Node, stores), null, null, repartitionRequired: true);

    public KStream<TKey, TResult> Join<TGlobalKey, TGlobalValue, TResult>(
        GlobalKTable<TGlobalKey, TGlobalValue> table, Func<TKey, TValue, TGlobalKey?> keySelector, Func<TValue, TGlobalValue?, TResult> joiner, string? name = null)
        where TGlobalKey : notnull => JoinGlobal(table, keySelector, joiner, leftJoin: false, name);

    public KStream<TKey, TResult> LeftJoin<TGlobalKey, TGlobalValue, TResult>(
        GlobalKTable<TGlobalKey, TGlobalValue> table, Func<TKey, TValue, TGlobalKey?> keySelector, Func<TValue, TGlobalValue?, TResult> joiner, string? name = null)
        where TGlobalKey : notnull => JoinGlobal(table, keySelector, joiner, leftJoin: true, name);

    internal StreamsBuilder Builder => _builder;

    internal KStream<TKey, TValue> ThroughRepartitionTopic(string name, ISerde<TKey>? keySerde, ISerde<TValue>? valueSerde, int? partitions)
    {
        var topic = name + "-repartition";
        keySerde ??= KeySerde ?? throw MissingSerde("key", topic);
        valueSerde ??= ValueSerde ?? throw MissingSerde("value", topic);
        var sinkName = name + "-repartition-sink";
        var sourceName = name + "-repartition-source";
        _builder.Inner.AddSink(sinkName, topic, isRepartition: true, partitions,
            () => new SinkNode<TKey, TValue>(sinkName, topic, true, keySerde, valueSerde), Node);
        var source = _builder.Inner.AddSource(sourceName, [topic], isRepartition: true,
            () => new SourceNode<TKey, TValue>(sourceName, keySerde, valueSerde, null));
        return new KStream<TKey, TValue>(_builder, source, keySerde, valueSerde, repartitionRequired: false);
    }

    private KStream<TKey, TResult> JoinGlobal<TGlobalKey, TGlobalValue, TResult>(
        GlobalKTable<TGlobalKey, TGlobalValue> table, Func<TKey, TValue, TGlobalKey?> keySelector, Func<TValue, TGlobalValue?, TResult> joiner, bool leftJoin, string? name)
        where TGlobalKey : notnull
    {
        var node = _builder.AddProcessor(name ?? _builder.Inner.NewName(leftJoin ? "global-left-join" : "global-join"),
            () => new KStreamGlobalKTableJoin<TKey, TValue, TGlobalKey, TGlobalValue, TResult>(table.StoreName, keySelector, joiner, leftJoin),
            Node, table.StoreName);
        return new KStream<TKey, TResult>(_builder, node, KeySerde, null, RepartitionRequired);
    }

    private ProcessorDefinition Add<TKeyOut, TValueOut>(string? name, string generatedPrefix, Func<IProcessor<TKey, TValue, TKeyOut, TValueOut>> supplier) =>
        _builder.AddProcessor(name ?? _builder.Inner.NewName(generatedPrefix), supplier, Node);

    private KStream<TKey, TValue> Same(NodeDefinition node) => new(_builder, node, KeySerde, ValueSerde, RepartitionRequired);

    private static InvalidOperationException MissingSerde(string part, string topic) =>
        new($"No {part} serde is known for writing to '{topic}': pass one (Produced.With / Grouped.With / Repartitioned.With).");
}
