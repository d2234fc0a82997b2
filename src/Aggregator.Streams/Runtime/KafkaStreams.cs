using Aggregator.Streams.Errors;
using Aggregator.Streams.Kafka.Admin;
using Aggregator.Streams.State;
using Aggregator.Streams.State.InMemory;
using Aggregator.Streams.State.Internal;
using Aggregator.Streams.State.RocksDb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// A running instance of a topology: checks and creates topics, opens state, loads global tables, then runs
/// <see cref="StreamsConfig.NumStreamThreads"/> stream threads in the consumer group named by the application
/// id. Instances with the same application id split the partitions; when one stops, the others take over its
/// tasks and restore their state from the changelogs.
/// </summary>
public sealed partial class KafkaStreams : IAsyncDisposable
{
    private readonly Topology.Topology _topology;
    private readonly StreamsConfig _config;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ITopicAdmin? _topicAdmin;
    private readonly Func<StreamsConfig, IStorageEngine?> _persistentEngineFactory;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<StreamThread> _threads = [];
    private readonly Lock _stateLock = new();
    private readonly List<IDisposable> _owned = [];
    private GlobalStreamThread? _global;
    private StreamsRuntime? _runtime;
    private StreamsState _state = StreamsState.Created;
    private ITimer? _monitor;
    private Metrics.StreamsMetrics? _metrics;
    private State.RocksDb.RocksDbStorageEngine? _rocksDb;

    public KafkaStreams(Topology.Topology topology, StreamsConfig config, ILoggerFactory? loggerFactory = null, TimeProvider? time = null, ITopicAdmin? topicAdmin = null)
        : this(topology, config, loggerFactory, time, topicAdmin, RocksDbStorageEngine.Open)
    {
    }

    internal KafkaStreams(Topology.Topology topology, StreamsConfig config, ILoggerFactory? loggerFactory, TimeProvider? time, ITopicAdmin? topicAdmin, Func<StreamsConfig, IStorageEngine?> persistentEngineFactory)
    {
        var errors = config.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid streams configuration: " + string.Join(" ", errors), nameof(config));
        }

        _topology = topology;
        _config = config;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("Aggregator.Streams.KafkaStreams");
        _time = time ?? TimeProvider.System;
        _topicAdmin = topicAdmin;
        _persistentEngineFactory = persistentEngineFactory;
    }

    public StreamsState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>Why the instance stopped, when <see cref="State"/> is <see cref="StreamsState.Error"/>.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Completes when the instance has stopped; faults with <see cref="Error"/> when it failed.</summary>
    public Task Completion => _completion.Task;

    public event Action<StreamsState, StreamsState>? StateChanged;

    /// <summary>Raised after each commit of any thread with its duration in seconds.</summary>
    public event Action<double>? Committed;

    /// <summary>A snapshot of tasks, restore progress and lag of this instance.</summary>
    public StreamsStatus Status => new(
        State,
        _threads.SelectMany(t => t.Snapshot.Tasks).ToList(),
        _threads.SelectMany(t => t.Snapshot.Lag).ToList(),
        _global?.RecordsLoaded ?? 0);

    /// <summary>Total changelog updates restored by this instance.</summary>
    public long RestoredRecords => _threads.Sum(t => t.RestoredRecords);

    /// <summary>Records skipped as undeserializable across all tasks and global tables.</summary>
    public long DeserializationErrors => _runtime?.DeserializationErrors.Total ?? 0;

    internal StreamsRuntime? Runtime => _runtime;

    /// <summary>Test hook, see <see cref="StreamsRuntime.FaultInjector"/>. Set before <see cref="StartAsync"/>.</summary>
    internal Action<string>? FaultInjector { get; set; }

    /// <summary>Validates the cluster against the topology, loads global tables and starts the stream threads.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        SetState(StreamsState.Starting);
        try
        {
            using var admin = _topicAdmin is null ? new KafkaTopicAdmin(new Kafka.KafkaClientFactory(_config).Admin($"{_config.ApplicationId}-admin", m => Log.ClientLog(_logger, m.Name, m.Facility, m.Message)), _config.InternalTopicReplicationFactor) : null;
            var topics = _topicAdmin ?? admin!;
            var plan = await InternalTopicManager.PrepareAsync(_topology, _config, topics, _logger, cancellationToken);
            var engines = new Dictionary<StoreType, IStorageEngine> { [StoreType.InMemory] = new InMemoryStorageEngine() };
            var persistent = _config.UseInMemoryStores || !_topology.Stores.Values.Any(s => s.Type == StoreType.RocksDb) ? null : _persistentEngineFactory(_config);
            engines[StoreType.RocksDb] = persistent ?? engines[StoreType.InMemory];
            if (persistent is IDisposable disposable)
            {
                _owned.Add(disposable);
            }

            _rocksDb = persistent as State.RocksDb.RocksDbStorageEngine;
            _metrics = new Metrics.StreamsMetrics(this, () => _rocksDb?.Statistics());
            _owned.Insert(0, _metrics);

            var globalStores = _topology.GlobalStores.ToDictionary(g => g.Topic, g => g.Create(), StringComparer.Ordinal);
            _runtime = new StreamsRuntime(_topology, _config, plan, engines, globalStores.Values.ToList(), _time, _loggerFactory) { FaultInjector = FaultInjector };
            var globalPartitions = topics.GetPartitionCounts(globalStores.Keys, _config.StartupTimeout);
            _global = new GlobalStreamThread(globalStores, globalPartitions, _runtime);
            await Task.Run(() => _global.Bootstrap(cancellationToken), cancellationToken);
            _global.Start();

            SetState(StreamsState.Rebalancing);
            for (var i = 0; i < _config.NumStreamThreads; i++)
            {
                var thread = new StreamThread(i, _runtime);
                thread.Committed += seconds =>
                {
                    _metrics?.RecordCommit(seconds);
                    Committed?.Invoke(seconds);
                };
                _threads.Add(thread);
                _ = thread.Completion.ContinueWith(t => OnThreadStopped(thread, t), TaskScheduler.Default);
                thread.Start();
            }

            _monitor = _time.CreateTimer(_ => UpdateState(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
        }
        catch (Exception ex)
        {
            Fail(ex);
            await StopAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Stops gracefully: threads commit, leave the group and flush; state is closed. Bounded by the token.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (State is StreamsState.NotRunning)
        {
            return;
        }

        if (State != StreamsState.Error)
        {
            SetState(StreamsState.PendingShutdown);
        }

        _monitor?.Dispose();
        foreach (var thread in _threads)
        {
            thread.RequestStop();
        }

        try
        {
            await Task.WhenAll(_threads.Select(t => t.Completion)).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The caller's deadline passed: stop waiting for Kafka, then give the threads a moment to close.
            foreach (var thread in _threads)
            {
                thread.Abort();
            }

            await Task.WhenAny(Task.WhenAll(_threads.Select(t => t.Completion)), Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        }
        catch (Exception)
        {
            // Already recorded by OnThreadStopped.
        }

        _global?.Dispose();
        foreach (var thread in _threads)
        {
            thread.Dispose();
        }

        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
        if (State != StreamsState.Error)
        {
            SetState(StreamsState.NotRunning);
            _completion.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await StopAsync(timeout.Token);
    }

    private void OnThreadStopped(StreamThread thread, Task completion)
    {
        if (completion.Exception?.GetBaseException() is { } error)
        {
            Fail(new StreamsException($"{thread.Name} stopped: {error.Message}", error));
            foreach (var other in _threads)
            {
                other.RequestStop();
            }
        }
    }

    private void Fail(Exception error)
    {
        Error ??= error;
        SetState(StreamsState.Error);
        _completion.TrySetException(error);
    }

    private void UpdateState()
    {
        if (State is not (StreamsState.Rebalancing or StreamsState.Running))
        {
            return;
        }

        var busy = _threads.Any(t => !t.HasBeenAssigned || t.HasPendingWork);
        SetState(busy ? StreamsState.Rebalancing : StreamsState.Running);
    }

    private void SetState(StreamsState next)
    {
        StreamsState previous;
        lock (_stateLock)
        {
            previous = _state;
            if (previous == next || previous == StreamsState.Error)
            {
                return;
            }

            _state = next;
        }

        Log.StateChanged(_logger, _config.ApplicationId, _config.InstanceId, previous, next);
        StateChanged?.Invoke(previous, next);
    }
}
