using Aggregator.Streams.Serdes;
using Confluent.Kafka;

namespace Aggregator.Streams.Testing;

/// <summary>Pipes typed records into one topic of a <see cref="TopologyTestDriver"/>.</summary>
public sealed class TestInputTopic<TKey, TValue>
{
    private readonly TopologyTestDriver _driver;
    private readonly ISerde<TKey> _keySerde;
    private readonly ISerde<TValue> _valueSerde;

    internal TestInputTopic(TopologyTestDriver driver, string topic, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
    {
        _driver = driver;
        Topic = topic;
        _keySerde = keySerde;
        _valueSerde = valueSerde;
    }

    public string Topic { get; }

    public void PipeInput(TKey key, TValue value, DateTimeOffset timestamp, Headers? headers = null) =>
        PipeInput(key, value, timestamp.ToUnixTimeMilliseconds(), headers);

    public void PipeInput(TKey key, TValue value, long timestampMs, Headers? headers = null) =>
        _driver.PipeRaw(Topic, key is null ? null : _keySerde.Serialize(key), value is null ? null : _valueSerde.Serialize(value), timestampMs, headers);

    /// <summary>Pipes a record whose value is null (a tombstone for tables).</summary>
    public void PipeTombstone(TKey key, long timestampMs) =>
        _driver.PipeRaw(Topic, key is null ? null : _keySerde.Serialize(key), null, timestampMs, null);
}
