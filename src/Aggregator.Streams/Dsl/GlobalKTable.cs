namespace Aggregator.Streams.Dsl;

/// <summary>A global table: joinable from any stream by a key derived from each record.</summary>
public sealed class GlobalKTable<TKey, TValue>
    where TKey : notnull
{
    internal GlobalKTable(string storeName, string topic)
    {
        StoreName = storeName;
        Topic = topic;
    }

    public string StoreName { get; }

    public string Topic { get; }
}
