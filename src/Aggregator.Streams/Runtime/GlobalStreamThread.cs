using Aggregator.Streams.Kafka;
using Aggregator.Streams.State.Internal;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// Keeps the instance's global tables: at start-up reads every partition of their topics to the end before
/// any stream thread processes a record (so e.g. an opt-out published before an event is known when the event
/// is processed), then follows the topics in the background for as long as the instance runs.
/// </summary>
internal sealed class GlobalStreamThread : IDisposable
{
    private readonly IReadOnlyDictionary<string, IGlobalStore> _storeByTopic;
    private readonly IReadOnlyDictionary<string, int> _partitions;
    private readonly KafkaClientFactory _clients;
    private readonly DeserializationErrorHandler _errors;
    private readonly StreamsConfig _config;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private IConsumer<byte[], byte[]>? _consumer;
    private Thread? _thread;
    private long _loaded;

    public GlobalStreamThread(IReadOnlyDictionary<string, IGlobalStore> storeByTopic, IReadOnlyDictionary<string, int> partitions, StreamsRuntime runtime)
    {
        _storeByTopic = storeByTopic;
        _partitions = partitions;
        _clients = runtime.Clients;
        _errors = runtime.DeserializationErrors;
        _config = runtime.Config;
        _logger = runtime.LoggerFactory.CreateLogger("Aggregator.Streams.GlobalThread");
    }

    public long RecordsLoaded => Interlocked.Read(ref _loaded);

    public Exception? Error { get; private set; }

    /// <summary>Reads every global topic to its current end. Blocks the caller (start-up) until done.</summary>
    public void Bootstrap(CancellationToken cancellationToken)
    {
        if (_storeByTopic.Count == 0)
        {
            return;
        }

        _consumer = _clients.RestoreConsumer($"{_config.ApplicationId}-{_config.InstanceId}-GlobalThread", b => b.SetErrorHandler((c, e) =>
        {
            if (!e.IsFatal)
            {
                Log.TransientClientError(_logger, c.Name, e.Code.ToString(), e.Reason);
            }
        }));
        var assignment = _storeByTopic.Keys.SelectMany(topic => Enumerable.Range(0, _partitions[topic]).Select(p => new TopicPartition(topic, p))).ToList();
        var ends = assignment.ToDictionary(tp => tp, tp => _consumer.QueryWatermarkOffsets(tp, _config.StartupTimeout).High.Value);
        _consumer.Assign(assignment.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var remaining = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        while (remaining.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            Apply(result);
            if (result.Offset.Value + 1 >= ends[result.TopicPartition])
            {
                remaining.Remove(result.TopicPartition);
            }
        }

        Log.GlobalTablesLoaded(_logger, _storeByTopic.Count, RecordsLoaded, _storeByTopic.Values.Sum(s => s.Count));
    }

    /// <summary>Follows the global topics in the background until disposed.</summary>
    public void Start()
    {
        if (_consumer is null)
        {
            return;
        }

        _thread = new Thread(Follow) { IsBackground = true, Name = $"{_config.ApplicationId}-GlobalThread" };
        _thread.Start();
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(10));
        _consumer?.Dispose();
        _stopping.Dispose();
    }

    private void Follow()
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var result = _consumer!.Consume(TimeSpan.FromMilliseconds(200));
                if (result is not null && !result.IsPartitionEOF)
                {
                    Apply(result);
                }
            }
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            Error = ex;
            Log.ThreadFailed(_logger, "GlobalThread", ex.Message, ex);
        }
    }

    private void Apply(ConsumeResult<byte[], byte[]> result)
    {
        var message = result.Message;
        _storeByTopic[result.Topic].Apply(new RawRecord(result.Topic, result.Partition.Value, result.Offset.Value, message.Timestamp.UnixTimestampMs, message.Key, message.Value, message.Headers), _errors);
        Interlocked.Increment(ref _loaded);
    }
}
