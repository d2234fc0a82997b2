using Aggregator.RocksDb;
namespace Aggregator.Streams.State.Internal;

/// <summary>
/// The committed contents of one window store for one task, as bytes, addressed by (key, window start).
/// Writes are staged like <see cref="IKeyValueBytes"/>; whole time segments expire together.
/// </summary>
internal interface IWindowBytes
{
    bool TryGet<T>(ReadOnlySpan<byte> key, long windowStart, RocksValueReader<T> decode, out T value);

    /// <summary>Stages a write; a null value deletes.</summary>
    void Stage(ReadOnlySpan<byte> key, long windowStart, byte[]? value);

    /// <summary>Stages removal of every window starting before <paramref name="windowStartExclusive"/>.</summary>
    void StageExpiry(long windowStartExclusive);

    /// <summary>Committed windows of one key with start in [from, to], ascending.</summary>
    IEnumerable<KeyValuePair<long, byte[]>> Fetch(byte[] key, long from, long to);

    /// <summary>Committed entries with window start in [from, to], ordered by window start then key.</summary>
    IEnumerable<WindowEntry> FetchAll(long from, long to);
}

internal readonly record struct WindowEntry(byte[] Key, long WindowStart, byte[] Value);
