using Aggregator.Streams.Serdes;

namespace Aggregator.Streams.Testing;

/// <summary>Reads typed records a <see cref="TopologyTestDriver"/> wrote to one topic, in order.</summary>
public sealed class TestOutputTopic<TKey, TValue>
{
    private readonly TopologyTestDriver _driver;
    private readonly ISerde<TKey> _keySerde;
    private readonly ISerde<TValue> _valueSerde;
    private int _read;

    internal TestOutputTopic(TopologyTestDriver driver, string topic, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
    {
        _driver = driver;
        Topic = topic;
        _keySerde = keySerde;
        _valueSerde = valueSerde;
    }

    public string Topic { get; }

    /// <summary>Records written and not yet read.</summary>
    public int QueueSize => _driver.Output(Topic).Count - _read;

    public bool IsEmpty => QueueSize == 0;

    public TestRecord<TKey, TValue> ReadRecord()
    {
        var log = _driver.Output(Topic);
        if (_read >= log.Count)
        {
            throw new InvalidOperationException($"No more records in '{Topic}'.");
        }

        var record = log[_read++];
        return new TestRecord<TKey, TValue>(
            record.Key is null ? default! : _keySerde.Deserialize(record.Key),
            record.Value is null ? default! : _valueSerde.Deserialize(record.Value),
            record.Timestamp,
            record.Headers);
    }

    public KeyValuePair<TKey, TValue> ReadKeyValue()
    {
        var record = ReadRecord();
        return new(record.Key, record.Value);
    }

    public TValue ReadValue() => ReadRecord().Value;

    public IReadOnlyList<TestRecord<TKey, TValue>> ReadRecordsToList()
    {
        var records = new List<TestRecord<TKey, TValue>>();
        while (!IsEmpty)
        {
            records.Add(ReadRecord());
        }

        return records;
    }

    public IReadOnlyList<KeyValuePair<TKey, TValue>> ReadKeyValuesToList() =>
        ReadRecordsToList().Select(r => new KeyValuePair<TKey, TValue>(r.Key, r.Value)).ToList();
}

public static class TestOutputTopicExtensions
{
    /// <summary>The latest value per key among all unread records (what a compacted topic converges to).</summary>
    public static IReadOnlyDictionary<TKey, TValue> ReadKeyValuesToMap<TKey, TValue>(this TestOutputTopic<TKey, TValue> topic)
        where TKey : notnull
    {
        var map = new Dictionary<TKey, TValue>();
        foreach (var record in topic.ReadRecordsToList())
        {
            map[record.Key] = record.Value;
        }

        return map;
    }
}
