using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.Topology;

/// <summary>A global table: every instance reads the whole topic into a local store shared by all its tasks.</summary>
internal sealed class GlobalStoreDefinition(string storeName, string topic, Func<IGlobalStore> factory)
{
    public string StoreName { get; } = storeName;

    public string Topic { get; } = topic;

    public IGlobalStore Create() => factory();
}
