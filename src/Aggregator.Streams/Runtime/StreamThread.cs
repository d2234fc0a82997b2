using Aggregator.Streams.Errors;
using Aggregator.Streams.Kafka;
using Aggregator.Streams.Processors;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// One processing thread: a group member with its own consumer, restore consumer and producer, running the
/// tasks assigned to it in a poll → process → punctuate → commit loop. Everything of a task happens on this
/// thread, so tasks and stores need no locks. (Split by concern: rebalancing, restoring, committing.)
/// </summary>
internal sealed partial class StreamThread : IDisposable
{
    private readonly StreamsRuntime _runtime;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<TaskId, StreamTask> _tasks = [];
    private readonly Dictionary<(string Topic, int Partition), StreamTask> _routes = [];
    private readonly CancellationTokenSource _stopping = new();

    // Stopping asks the loop to end and commit; aborting (the shutdown deadline passed) also gives up waiting for Kafka.
    private readonly CancellationTokenSource _abort = new();
    private IConsumer<byte[], byte[]> _consumer = null!;
    private IProducer<byte[], byte[]> _producer = null!;
    private KafkaRecordCollector _collector = null!;
    private long _lastCommitMs;
    private long _lastStatusMs;
    private volatile ThreadSnapshot _snapshot = ThreadSnapshot.Empty;

    public StreamThread(int index, StreamsRuntime runtime)
    {
        Index = index;
        _runtime = runtime;
        Name = $"{runtime.Config.ApplicationId}-{runtime.Config.InstanceId}-StreamThread-{index}";
        _logger = runtime.LoggerFactory.CreateLogger("Aggregator.Streams.StreamThread");
        _thread = new Thread(Run) { IsBackground = true, Name = Name };
    }

    public int Index { get; }

    public string Name { get; }

    /// <summary>Completes when the thread has shut down; faults with the reason when it died.</summary>
    public Task Completion => _completion.Task;

    /// <summary>True once the group gave this thread its first assignment (possibly empty).</summary>
    public bool HasBeenAssigned => Volatile.Read(ref _assignments) > 0;

    /// <summary>True while assigned tasks wait to start restoring.</summary>
    public bool HasPendingWork => Volatile.Read(ref _pendingCount) > 0;

    private int _assignments;
    private int _pendingCount;

    /// <summary>This thread's tasks, published for other threads (interactive queries); replaced, never mutated.</summary>
    public IReadOnlyDictionary<TaskId, StreamTask> PublishedTasks => Volatile.Read(ref _published);

    private IReadOnlyDictionary<TaskId, StreamTask> _published = new Dictionary<TaskId, StreamTask>();

    private void PublishTasks()
    {
        Volatile.Write(ref _published, new Dictionary<TaskId, StreamTask>(_tasks));
        // Phase changes (assigned, restoring, restored, closed) show at once, not at the next periodic refresh:
        // a restore shorter than the refresh period must still be visible to readiness probes.
        RefreshSnapshot();
        TasksChanged?.Invoke();
    }

    /// <summary>Latest view of this thread's tasks and lag (refreshed about once a second and whenever tasks change phase).</summary>
    public ThreadSnapshot Snapshot => _snapshot;

    /// <summary>Raised on the thread when its tasks change or finish restoring (for the instance state).</summary>
    public event Action? TasksChanged;

    /// <summary>Commits of this thread: duration in seconds (for the commit-latency histogram).</summary>
    public event Action<double>? Committed;

    public void Start() => _thread.Start();

    public void RequestStop() => _stopping.Cancel();

    /// <summary>The shutdown deadline passed: stop waiting for acknowledgements; whatever is uncommitted is replayed later.</summary>
    public void Abort()
    {
        _stopping.Cancel();
        _abort.Cancel();
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
    }

    private long NowMs => _runtime.Time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Run()
    {
        try
        {
            var config = _runtime.Config;
            _producer = _runtime.Clients.Producer(Name + "-producer", b => b.SetErrorHandler(OnClientError).SetLogHandler(OnClientLog));
            _collector = new KafkaRecordCollector(_producer);
            _restoreConsumer = _runtime.Clients.RestoreConsumer(Name + "-restore-consumer", b => b.SetErrorHandler(OnClientError).SetLogHandler(OnClientLog));
            _consumer = _runtime.Clients.MainConsumer(Name + "-consumer", _runtime.Cooperative, b => b
                .SetPartitionsAssignedHandler(OnPartitionsAssigned)
                .SetPartitionsRevokedHandler(OnPartitionsRevoked)
                .SetPartitionsLostHandler(OnPartitionsLost)
                .SetErrorHandler(OnClientError)
                .SetLogHandler(OnClientLog));
            _consumer.Subscribe(_runtime.SourceTopics);
            Log.ThreadStarted(_logger, Name, _runtime.SourceTopics.Count, _runtime.Cooperative ? "cooperative-sticky" : "range");
            _lastCommitMs = NowMs;
            while (!_stopping.IsCancellationRequested)
            {
                RunOnce();
            }

            ShutDownCleanly();
            _completion.TrySetResult();
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Aborted at the shutdown deadline: not a failure; the last commit stands and the rest is replayed.
            Log.ThreadAborted(_logger, Name);
            ShutDownAfterFailure();
            _completion.TrySetResult();
        }
        catch (Exception ex)
        {
            Log.ThreadFailed(_logger, Name, ex.Message, ex);
            ShutDownAfterFailure();
            _completion.TrySetException(ex);
        }
    }

    private void RunOnce()
    {
        var loopNow = NowMs;
        foreach (var task in _tasks.Values)
        {
            task.Context.CoarseNowMs = loopNow;
        }

        InitializeAssignedTasks();
        if (_restoring.Count > 0)
        {
            RestoreStep();
        }

        PollAndProcess();
        var now = NowMs;
        foreach (var task in _tasks.Values)
        {
            if (task.IsInitialized)
            {
                task.PunctuateWallClock(now);
            }
        }

        if (now - _lastCommitMs >= (long)_runtime.Config.CommitInterval.TotalMilliseconds || _tasks.Values.Any(t => t.Context.CommitRequested))
        {
            CommitAll();
        }

        Volatile.Write(ref _pendingCount, _pendingInit.Count + _restoring.Count);
        if (now - _lastStatusMs >= 1000)
        {
            _lastStatusMs = now;
            RefreshSnapshot();
        }
    }

    private void PollAndProcess()
    {
        var timeout = _restoring.Count > 0 || _pendingInit.Count > 0 ? TimeSpan.Zero : _runtime.Config.PollTimeout;
        for (var i = 0; i < _runtime.Config.MaxRecordsPerIteration; i++)
        {
            ConsumeResult<byte[], byte[]>? result;
            try
            {
                result = _consumer.Consume(i == 0 ? timeout : TimeSpan.Zero);
            }
            catch (ConsumeException ex) when (!ex.Error.IsFatal)
            {
                Log.ConsumeError(_logger, Name, ex.Error.Reason);
                return;
            }

            if (result is null)
            {
                return;
            }

            if (result.IsPartitionEOF)
            {
                continue;
            }

            // Records of tasks still restoring (or gone) are dropped: the task seeks to its checkpoint first.
            if (!_routes.TryGetValue((result.Topic, result.Partition.Value), out var task) || !task.IsInitialized)
            {
                continue;
            }

            _runtime.FaultInjector?.Invoke("process");
            var message = result.Message;
            task.Process(new RawRecord(result.Topic, result.Partition.Value, result.Offset.Value, message.Timestamp.UnixTimestampMs, message.Key, message.Value, message.Headers));
        }
    }

    /// <summary>Whether this thread's consumer has read partition (topic, partition) to its end.</summary>
    private bool IsCaughtUp(string topic, int partition)
    {
        var tp = new TopicPartition(topic, partition);
        var position = _consumer.Position(tp);
        var end = _consumer.GetWatermarkOffsets(tp).High;
        return !position.IsSpecial && !end.IsSpecial && position.Value >= end.Value;
    }

    private void OnClientError(IClient client, Error error)
    {
        if (error.IsFatal)
        {
            Log.FatalClientError(_logger, client.Name, error.Code.ToString(), error.Reason);
            _fatalClientError ??= new StreamsException($"Kafka client {client.Name} hit a fatal error: {error.Reason} ({error.Code}).");
            _stopping.Cancel();
        }
        else
        {
            // Transient (broker down, connection refused...): librdkafka reconnects and retries by itself.
            Log.TransientClientError(_logger, client.Name, error.Code.ToString(), error.Reason);
        }
    }

    private void OnClientLog(IClient client, LogMessage message)
    {
        if (message.Level <= SyslogLevel.Warning)
        {
            Log.ClientLog(_logger, client.Name, message.Facility, message.Message);
        }
    }

    private Exception? _fatalClientError;

    private void ShutDownCleanly()
    {
        if (_fatalClientError is not null)
        {
            throw _fatalClientError;
        }

        Log.ThreadStopping(_logger, Name, _tasks.Count);
        try
        {
            CommitAll();
        }
        catch (Exception ex)
        {
            Log.CommitFailed(_logger, Name, ex.Message);
        }

        // Close leaves the group; its revocation callback commits and closes the remaining tasks.
        _consumer.Close();
        _consumer.Dispose();
        CloseAllTasks(clean: false);
        _restoreConsumer.Dispose();
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
        _snapshot = ThreadSnapshot.Empty;
        Log.ThreadStopped(_logger, Name);
    }

    private void ShutDownAfterFailure()
    {
        try
        {
            CloseAllTasks(clean: false);
            _consumer?.Dispose();
            _restoreConsumer?.Dispose();
            _producer?.Dispose();
        }
        catch (Exception ex)
        {
            Log.ThreadCleanupFailed(_logger, Name, ex.Message);
        }

        _snapshot = ThreadSnapshot.Empty;
    }

    private void CloseAllTasks(bool clean)
    {
        foreach (var task in _tasks.Values.ToList())
        {
            CloseTask(task, clean);
        }
    }

    private void CloseTask(StreamTask task, bool clean)
    {
        if (!clean)
        {
            task.State.AbortCommit();
        }

        UnregisterRestore(task.Id);
        foreach (var key in _routes.Where(r => r.Value == task).Select(r => r.Key).ToList())
        {
            _routes.Remove(key);
        }

        _tasks.Remove(task.Id);
        _pendingInit.Remove(task.Id);
        PublishTasks();
        task.Dispose();
    }

    private void RefreshSnapshot()
    {
        var tasks = _tasks.Values.Select(task => new TaskStatus(
            task.Id.ToString(), Index, task.IsInitialized ? TaskPhase.Running : TaskPhase.Restoring,
            task.Context.Metrics.Processed, task.Context.Metrics.LateRecordsDropped, task.Context.Metrics.LateWindowUpdatesDropped,
            task.Context.Metrics.Skipped, task.Context.Metrics.ReplaysSkipped, task.Context.StreamTime,
            RestoreStatus(task.Id),
            task.State.Stores.Select(s => new StoreCacheStatus(s.Name, s.CachedCount, s.DirtyCount)).ToList())).ToList();
        var lag = new List<PartitionLag>();
        foreach (var ((topic, partition), task) in _routes)
        {
            if (!task.IsInitialized)
            {
                continue;
            }

            var tp = new TopicPartition(topic, partition);
            var watermarks = _consumer.GetWatermarkOffsets(tp);
            var position = _consumer.Position(tp);
            if (watermarks.High.IsSpecial)
            {
                continue;
            }

            var consumed = position.IsSpecial ? task.Positions.GetValueOrDefault((topic, partition), watermarks.High.Value) : position.Value;
            lag.Add(new PartitionLag(topic, partition, Math.Max(0, watermarks.High.Value - consumed)));
        }

        _snapshot = new ThreadSnapshot(tasks, lag, _collector?.Sent ?? 0);
    }
}

/// <summary>What a stream thread publishes about itself for status and metrics.</summary>
internal sealed record ThreadSnapshot(IReadOnlyList<TaskStatus> Tasks, IReadOnlyList<PartitionLag> Lag, long RecordsSent)
{
    public static ThreadSnapshot Empty { get; } = new([], [], 0);
}
