using System.Diagnostics.CodeAnalysis;
using Aggregator.Streams.State;

namespace Aggregator.Topology.Reporting;

/// <summary>The current stream runtime's key-value store as an <see cref="IReportingStore"/>.</summary>
internal sealed class RuntimeReportingStore(IKeyValueStore<string, byte[]> store) : IReportingStore
{
    public bool TryGet(string key, [MaybeNullWhen(false)] out byte[] value) => store.TryGet(key, out value!);

    public void Put(string key, byte[] value) => store.Put(key, value);

    public void Delete(string key) => store.Delete(key);

    public IEnumerable<KeyValuePair<string, byte[]>> All() => store.All();
}
