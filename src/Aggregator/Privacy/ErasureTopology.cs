using Aggregator.Hosting.Options;
using Aggregator.Topology;
using Aggregator.Topology.Factories;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using TopologyModel = Streamiz.Kafka.Net.Stream.Topology;

namespace Aggregator.Privacy;

/// <summary>
/// The erasure application: <c>privacy.optouts</c> read as a partitioned stream → one erasure notice per identity →
/// <c>privacy.erasures</c>. A second Streamiz application (id <c>&lt;Streams:ApplicationId&gt;-erasures</c>) next to the
/// activity topology, because Streamiz lets a topic feed either a global store or a stream of one topology, not both
/// (TopologyException "already registered by another source"), and the global store must stay: it is what drops events
/// on every instance. Its own consumer group gives each opt-out record to exactly one instance, so two or more instances
/// publish one notice, not one each (issue 14).
/// </summary>
internal static class ErasureTopology
{
    public const string ApplicationIdSuffix = "-erasures";

    public static string ApplicationId(string activityApplicationId) => activityApplicationId + ApplicationIdSuffix;

    public static TopologyModel Build(TopicsOptions topics, TimeSpan heldFor, TimeProvider time, ActivityMetrics metrics)
    {
        var builder = new StreamBuilder();
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.PersistentKeyValueStore(ErasureNoticeProcessor.StoreName), new StringSerDes(), new Int64SerDes()));
        builder.Stream(topics.OptOuts, new StringSerDes(), OptOutSerDes.Instance, "optouts-source")
            .Transform(Suppliers.Transformer(() => new ErasureNoticeProcessor(heldFor, time, metrics)), "erasure-notice", ErasureNoticeProcessor.StoreName)
            .To<StringSerDes, ByteArraySerDes>(topics.Erasures, "erasures-sink");
        return builder.Build();
    }

    /// <summary>The erasure application's internal topics (its store's changelog), sized like <c>privacy.optouts</c>.</summary>
    public static IReadOnlyDictionary<string, int> InternalTopics(TopologyModel topology, string activityApplicationId, Func<string, int> sourcePartitions) =>
        Kafka.InternalTopics.Plan(topology.Describe(), ApplicationId(activityApplicationId), sourcePartitions, new Dictionary<string, int>());
}
