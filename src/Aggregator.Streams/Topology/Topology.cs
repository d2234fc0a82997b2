using Aggregator.Streams.Runtime;
using Aggregator.Streams.State;

namespace Aggregator.Streams.Topology;

/// <summary>
/// An immutable, runnable description of a stream-processing graph, split into sub-topologies.
/// Built by <see cref="Dsl.StreamsBuilder"/>; run by KafkaStreams or the TopologyTestDriver.
/// </summary>
public sealed class Topology
{
    internal Topology(IReadOnlyList<Subtopology> subtopologies, IReadOnlyList<GlobalStoreDefinition> globalStores, IReadOnlyDictionary<string, StoreBuilder> stores)
    {
        Subtopologies = subtopologies;
        GlobalStores = globalStores;
        Stores = stores;
    }

    internal IReadOnlyList<Subtopology> Subtopologies { get; }

    internal IReadOnlyList<GlobalStoreDefinition> GlobalStores { get; }

    internal IReadOnlyDictionary<string, StoreBuilder> Stores { get; }

    /// <summary>External topics the topology reads (sources and global tables).</summary>
    public IReadOnlyList<string> SourceTopics =>
        Subtopologies.SelectMany(s => s.SourceTopics).Where(t => !t.IsRepartition).Select(t => t.Topic)
            .Concat(GlobalStores.Select(g => g.Topic)).Distinct().ToList();

    /// <summary>External topics the topology writes.</summary>
    public IReadOnlyList<string> SinkTopics =>
        Subtopologies.SelectMany(s => s.Sinks).Where(s => !s.IsRepartition).Select(s => s.Topic).Distinct().ToList();

    /// <summary>Repartition and changelog topics, named for <paramref name="applicationId"/>.</summary>
    public IReadOnlyList<InternalTopic> InternalTopics(string applicationId)
    {
        var topics = new List<InternalTopic>();
        foreach (var subtopology in Subtopologies)
        {
            foreach (var sink in subtopology.Sinks.Where(s => s.IsRepartition))
            {
                var reader = Subtopologies.First(s => s.SourceTopics.Contains((sink.Topic, true)));
                topics.Add(new InternalTopic(
                    InternalTopicNames.Resolve(applicationId, sink.Topic), InternalTopicKind.Repartition,
                    sink.Partitions, subtopology.Id, reader.Id));
            }

            foreach (var store in subtopology.Stores.Where(s => s.LoggingEnabled))
            {
                topics.Add(new InternalTopic(
                    InternalTopicNames.Changelog(applicationId, store.Name), InternalTopicKind.Changelog,
                    null, subtopology.Id, subtopology.Id, store));
            }
        }

        return topics;
    }

    /// <summary>A readable description: sub-topologies, nodes, stores, topics (text and mermaid).</summary>
    public TopologyDescription Describe(string applicationId = "<application.id>") => new(this, applicationId);
}

public enum InternalTopicKind
{
    Repartition,
    Changelog,
}

/// <summary>
/// An internal topic. Partitions: explicit, or (null) as many as the source partitions of
/// <see cref="WriterSubtopology"/> — for a changelog, one per task of the store's sub-topology.
/// </summary>
public sealed record InternalTopic(
    string Name,
    InternalTopicKind Kind,
    int? ExplicitPartitions,
    int WriterSubtopology,
    int ReaderSubtopology,
    StoreBuilder? Store = null);
