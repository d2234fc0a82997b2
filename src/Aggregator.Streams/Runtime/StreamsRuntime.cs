using Aggregator.Streams.Kafka;
using Aggregator.Streams.Processors;
using Aggregator.Streams.State;
using Aggregator.Streams.State.Internal;
using Aggregator.Streams.Topology;
using Microsoft.Extensions.Logging;

namespace Aggregator.Streams.Runtime;

/// <summary>What the stream threads of one instance share: topology, plan, storage, clients, time, logging.</summary>
internal sealed class StreamsRuntime
{
    private readonly Dictionary<string, Subtopology> _subtopologyByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<StoreType, IStorageEngine> _engines;

    public StreamsRuntime(
        Topology.Topology topology,
        StreamsConfig config,
        PartitionPlan plan,
        IReadOnlyDictionary<StoreType, IStorageEngine> engines,
        IReadOnlyList<IGlobalStore> globalStores,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        Topology = topology;
        Config = config;
        Plan = plan;
        Wiring = new TaskWiring(topology, config.ApplicationId, plan);
        _engines = engines.ToDictionary();
        GlobalStores = globalStores;
        Time = time;
        LoggerFactory = loggerFactory;
        Clients = new KafkaClientFactory(config);
        DeserializationErrors = new DeserializationErrorHandler(config.DeserializationErrors, config.DeadLetterTopic, time, loggerFactory.CreateLogger("Aggregator.Streams.Deserialization"));
        foreach (var subtopology in topology.Subtopologies)
        {
            foreach (var (topic, isRepartition) in subtopology.SourceTopics)
            {
                _subtopologyByTopic[isRepartition ? InternalTopicNames.Resolve(config.ApplicationId, topic) : topic] = subtopology;
            }
        }

        // Co-partitioned sources (a table joined to a stream) must land on the same instance: only the range
        // assignor guarantees that. Otherwise cooperative rebalancing moves only the partitions that change hands.
        Cooperative = topology.Subtopologies.All(s => s.SourceTopics.Count() == 1);
    }

    public Topology.Topology Topology { get; }

    public TaskWiring Wiring { get; }

    public StreamsConfig Config { get; }

    public PartitionPlan Plan { get; }

    public IReadOnlyList<IGlobalStore> GlobalStores { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory LoggerFactory { get; }

    public KafkaClientFactory Clients { get; }

    public DeserializationErrorHandler DeserializationErrors { get; }

    public bool Cooperative { get; }

    /// <summary>Test hook: called at named points ("process", "commit:…"); throwing simulates a crash there.</summary>
    public Action<string>? FaultInjector { get; init; }

    /// <summary>All source topics of all sub-topologies (resolved names): what each thread subscribes to.</summary>
    public IReadOnlyCollection<string> SourceTopics => _subtopologyByTopic.Keys;

    public Subtopology SubtopologyOf(string topic) => _subtopologyByTopic[topic];

    public IStorageEngine Engine(StoreType requested) => _engines[Config.EffectiveStoreType(requested)];

    public StreamTask CreateTask(TaskId id, IRecordCollector collector, ILogger logger)
    {
        var subtopology = Topology.Subtopologies[id.Subtopology];
        var context = new TaskContext(Config.ApplicationId, id, Time, collector, new TaskMetrics(), DeserializationErrors, logger)
        {
            Watermarks = new WatermarkTracker((long)Config.InputIdleTimeout.TotalMilliseconds),
            IdleTimeoutMs = (long)Config.InputIdleTimeout.TotalMilliseconds,
            RepartitionTargets = Wiring.RepartitionTargets(id.Subtopology),
            UpstreamWriters = Wiring.UpstreamWriters(id.Subtopology),
            CoarseNowMs = Time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        foreach (var global in GlobalStores)
        {
            context.RegisterStore(global);
        }

        var stores = subtopology.Stores.Select(s => s.Build(Config.CacheMaxEntriesPerStore)).ToList();
        var state = new TaskStateManager(id, stores, Engine, collector, Config.ApplicationId);
        return new StreamTask(id, subtopology, context, state, Wiring.UpstreamWriters(id.Subtopology));
    }
}
