using System.Diagnostics.CodeAnalysis;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// The durable state of a reporting stage, as that stage needs it: a string → bytes key-value store whose writes
/// are made durable with the offsets of the records that caused them (a store with a changelog). Our own interface,
/// so the reporting logic does not depend on a stream runtime: the runtime adapter implements it over the runtime's
/// store, tests over a dictionary.
/// </summary>
internal interface IReportingStore
{
    bool TryGet(string key, [MaybeNullWhen(false)] out byte[] value);

    void Put(string key, byte[] value);

    void Delete(string key);

    /// <summary>Every entry, in no guaranteed order, including uncommitted writes. Do not write while enumerating.</summary>
    IEnumerable<KeyValuePair<string, byte[]>> All();
}
