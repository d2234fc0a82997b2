using Aggregator.Streams.Processors;
using Aggregator.Streams.Serdes;
using Confluent.Kafka;

namespace Aggregator.Streams.Runtime.Nodes;

/// <summary>
/// Serializes records and hands them to the task's collector. Sinks into repartition topics stamp each
/// record with its upstream origin (<see cref="UpstreamMarkHeader"/>) so replays are recognised downstream.
/// </summary>
internal sealed class SinkNode<TKey, TValue>(
    string name,
    string topicName,
    bool isRepartition,
    ISerde<TKey> keySerde,
    ISerde<TValue> valueSerde)
    : ProcessorNode<TKey, TValue>(name)
{
    private TaskContext _task = null!;
    private string _resolvedTopic = string.Empty;

    public override void AddChild(ProcessorNode child) =>
        throw new InvalidOperationException($"Sink '{Name}' cannot have children.");

    public override void Init(TaskContext context)
    {
        _task = context;
        _resolvedTopic = isRepartition ? InternalTopicNames.Resolve(context.ApplicationId, topicName) : topicName;
    }

    public override void Process(Record<TKey, TValue> record)
    {
        var key = record.Key is null ? null : keySerde.Serialize(record.Key);
        var value = record.Value is null ? null : valueSerde.Serialize(record.Value);
        var headers = record.Headers;
        if (isRepartition)
        {
            if (key is null)
            {
                // Like Kafka Streams: a null key cannot be grouped; drop it and count it rather than
                // let the partitioner scatter it at random.
                _task.Metrics.RecordSkipped();
                return;
            }

            if (record.Timestamp > _task.SentWatermark)
            {
                _task.SentWatermark = record.Timestamp;
            }

            headers = WithUpstreamMark(headers);
        }
        else if (HasInternalHeaders(headers))
        {
            // Records read from a repartition topic carry the runtime's own headers: they describe the hop into
            // this task, mean nothing to readers of an output topic, and cost every record sent a copy of them.
            headers = WithoutInternalHeaders(headers!);
        }

        _task.Collector.Send(_resolvedTopic, -1, key, value, headers, record.Timestamp);
    }

    private static bool IsInternal(string headerKey) => headerKey is UpstreamMarkHeader.Name or WatermarkHeader.Name;

    private static bool HasInternalHeaders(Headers? headers)
    {
        if (headers is null)
        {
            return false;
        }

        for (var i = 0; i < headers.Count; i++)
        {
            if (IsInternal(headers[i].Key))
            {
                return true;
            }
        }

        return false;
    }

    private static Headers? WithoutInternalHeaders(Headers original)
    {
        var headers = CopyWithoutInternal(original);
        return headers.Count == 0 ? null : headers;
    }

    /// <summary>The record's own headers, without the runtime's hop headers (a record gets at most one set of them).</summary>
    private static Headers CopyWithoutInternal(Headers? original)
    {
        var headers = new Headers();
        if (original is not null)
        {
            for (var i = 0; i < original.Count; i++)
            {
                var header = original[i];
                if (!IsInternal(header.Key))
                {
                    headers.Add(header.Key, header.GetValueBytes());
                }
            }
        }

        return headers;
    }

    private Headers WithUpstreamMark(Headers? original)
    {
        var headers = CopyWithoutInternal(original);

        if (_task.CurrentTopic is not null)
        {
            // Sent from a punctuator there is no input record to identify it by: such records are not de-duplicated.
            headers.Add(UpstreamMarkHeader.Name, UpstreamMarkHeader.Encode(
                _task.CurrentTopicHash, _task.CurrentPartition, _task.CurrentOffset, _task.FanOutSequence++));
        }

        headers.Add(WatermarkHeader.Name, WatermarkHeader.Encode(
            _task.TaskId.Subtopology, _task.TaskId.Partition, _task.AnnouncedWatermark, empty: false, heartbeat: false));
        return headers;
    }
}
