using Aggregator.Streams.Processors;
using Aggregator.Streams.Serdes;

namespace Aggregator.Streams.Runtime.Nodes;

/// <summary>Entry point of consumed bytes into a task's graph.</summary>
internal abstract class SourceNode(string name) : ProcessorNode(name)
{
    /// <summary>Deserializes and forwards; false when the record was skipped (bad bytes or timestamp).</summary>
    public abstract bool ProcessRaw(in RawRecord raw);
}

/// <summary>Deserializes a consumed record, extracts its timestamp, advances stream time and forwards it.</summary>
internal sealed class SourceNode<TKey, TValue>(
    string name,
    ISerde<TKey> keySerde,
    ISerde<TValue> valueSerde,
    Func<TKey, TValue, long, long>? timestampExtractor)
    : SourceNode(name)
{
    private ProcessorNode<TKey, TValue>[] _children = [];
    private TaskContext _task = null!;

    public override void AddChild(ProcessorNode child) =>
        _children = [.. _children, child as ProcessorNode<TKey, TValue>
            ?? throw new InvalidOperationException($"Node '{child.Name}' cannot follow source '{Name}'.")];

    public override void Init(TaskContext context) => _task = context;

    public override bool ProcessRaw(in RawRecord raw)
    {
        TKey key;
        TValue value;
        try
        {
            key = raw.Key is null ? default! : Deserialize(keySerde, raw.Key);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _task.HandleDeserializationError(raw, isKey: true, ex);
            return false;
        }

        try
        {
            value = raw.Value is null ? default! : Deserialize(valueSerde, raw.Value);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _task.HandleDeserializationError(raw, isKey: false, ex);
            return false;
        }

        var timestamp = timestampExtractor?.Invoke(key, value, raw.Timestamp) ?? raw.Timestamp;
        if (timestamp < 0)
        {
            _task.HandleInvalidTimestamp(raw, timestamp);
            return false;
        }

        _task.ObserveSourceTimestamp(timestamp);

        var record = new Record<TKey, TValue>(key, value, timestamp, raw.Headers);
        var children = _children;
        for (var i = 0; i < children.Length; i++)
        {
            children[i].Process(record);
        }

        return true;
    }

    private static T Deserialize<T>(ISerde<T> serde, byte[] bytes) =>
        // Consumed bytes are already a private copy: hand them over instead of copying again.
        serde is IPassThroughBytesSerde ? (T)(object)bytes : serde.Deserialize(bytes);
}
