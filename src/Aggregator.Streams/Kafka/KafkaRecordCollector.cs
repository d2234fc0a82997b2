using Aggregator.Streams.Errors;
using Aggregator.Streams.Runtime;
using Confluent.Kafka;

namespace Aggregator.Streams.Kafka;

/// <summary>
/// Sends a stream thread's output through its producer. Sends are asynchronous; <see cref="Flush"/> waits for
/// every acknowledgement and reports the first failure, which the thread treats as "this commit did not happen".
/// </summary>
internal sealed class KafkaRecordCollector : IRecordCollector
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;
    private readonly Lock _errorLock = new();
    private string? _firstError;
    private bool _firstErrorIsFatal;
    private long _sent;

    public KafkaRecordCollector(IProducer<byte[], byte[]> producer)
    {
        _producer = producer;
        _onDelivery = OnDelivery;
    }

    public long Sent => Interlocked.Read(ref _sent);

    public void Send(string topic, int partition, byte[]? key, byte[]? value, Headers? headers, long timestamp) =>
        Produce(topic, partition, new Message<byte[], byte[]> { Key = key!, Value = value!, Headers = headers, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) }, _onDelivery);

    public void Send(string topic, int partition, byte[] key, byte[]? value, Headers? headers, long timestamp, Action<long> onDelivered) =>
        Produce(topic, partition, new Message<byte[], byte[]> { Key = key, Value = value!, Headers = headers, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) },
            report =>
            {
                if (report.Error.IsError)
                {
                    OnDelivery(report);
                }
                else
                {
                    onDelivered(report.Offset.Value);
                }
            });

    public void Flush(CancellationToken cancellationToken)
    {
        while (_producer.Flush(TimeSpan.FromMilliseconds(200)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        lock (_errorLock)
        {
            if (_firstError is { } error)
            {
                var fatal = _firstErrorIsFatal;
                _firstError = null;
                _firstErrorIsFatal = false;
                throw new RecordSendException(error, fatal);
            }
        }
    }

    private void Produce(string topic, int partition, Message<byte[], byte[]> message, Action<DeliveryReport<byte[], byte[]>> handler)
    {
        while (true)
        {
            try
            {
                if (partition >= 0)
                {
                    _producer.Produce(new TopicPartition(topic, partition), message, handler);
                }
                else
                {
                    _producer.Produce(topic, message, handler);
                }

                Interlocked.Increment(ref _sent);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: librdkafka's queue is full until the broker catches up.
                _producer.Poll(TimeSpan.FromMilliseconds(10));
            }
            catch (ProduceException<byte[], byte[]> ex)
            {
                RecordError($"could not send to {topic}: {ex.Error.Reason}", IsPermanent(ex.Error.Code));
                return;
            }
        }
    }

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            RecordError($"a record for {report.Topic}-{report.Partition.Value} failed: {report.Error.Reason} ({report.Error.Code})",
                report.Error.IsFatal || IsPermanent(report.Error.Code));
        }
    }

    private void RecordError(string error, bool permanent)
    {
        lock (_errorLock)
        {
            _firstError ??= error;
            _firstErrorIsFatal |= permanent;
        }
    }

    // Errors no retry will fix: the record itself or the configuration is wrong.
    private static bool IsPermanent(ErrorCode code) => code is ErrorCode.MsgSizeTooLarge
        or ErrorCode.TopicAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed or ErrorCode.InvalidRecord
        or ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic;
}

/// <summary>A record of the current commit could not be written; the commit did not happen.</summary>
internal sealed class RecordSendException(string message, bool permanent) : StreamsException(message)
{
    /// <summary>Retrying will not help (e.g. record too large, not authorized): the instance must stop.</summary>
    public bool Permanent { get; } = permanent;
}
