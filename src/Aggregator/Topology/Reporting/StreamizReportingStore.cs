using System.Diagnostics.CodeAnalysis;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Topology.Reporting;

/// <summary>A Streamiz key-value store (with its changelog) as the reporting code's <see cref="IReportingStore"/>.</summary>
internal sealed class StreamizReportingStore(IKeyValueStore<string, byte[]> store) : IReportingStore
{
    public bool TryGet(string key, [MaybeNullWhen(false)] out byte[] value)
    {
        value = store.Get(key);
        return value is not null;
    }

    public void Put(string key, byte[] value) => store.Put(key, value);

    public void Delete(string key) => store.Delete(key);

    public IEnumerable<KeyValuePair<string, byte[]>> All() => store.All();
}
