using System.Diagnostics.CodeAnalysis;
using Aggregator.Topology.Reporting;

namespace Aggregator.Tests.Topology.Reporting;

/// <summary>A reporting stage's store as a dictionary: what a restart finds is exactly what was written.</summary>
internal sealed class InMemoryReportingStore : IReportingStore
{
    private readonly Dictionary<string, byte[]> _entries = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Keys => _entries.Keys;

    public bool TryGet(string key, [MaybeNullWhen(false)] out byte[] value) => _entries.TryGetValue(key, out value);

    public void Put(string key, byte[] value) => _entries[key] = value;

    public void Delete(string key) => _entries.Remove(key);

    public IEnumerable<KeyValuePair<string, byte[]>> All() => _entries;
}
