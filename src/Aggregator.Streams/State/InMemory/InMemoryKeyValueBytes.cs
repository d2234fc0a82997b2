using Aggregator.RocksDb;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.State.InMemory;

internal sealed class InMemoryKeyValueBytes : IKeyValueBytes, IStagedInMemory
{
    private readonly SortedDictionary<byte[], byte[]> _committed = new(ByteArrayComparer.Instance);
    private readonly List<KeyValuePair<byte[], byte[]?>> _staged = [];

    public int Count => _committed.Count;

    public bool TryGet<T>(ReadOnlySpan<byte> key, RocksValueReader<T> decode, out T value)
    {
        if (_committed.TryGetValue(key.ToArray(), out var bytes))
        {
            value = decode(bytes);
            return true;
        }

        value = default!;
        return false;
    }

    public void Stage(byte[] key, byte[]? value) => _staged.Add(new(key, value));

    public IEnumerable<KeyValuePair<byte[], byte[]>> All() => _committed.ToArray();

    public void ApplyStaged()
    {
        foreach (var (key, value) in _staged)
        {
            if (value is null)
            {
                _committed.Remove(key);
            }
            else
            {
                _committed[key] = value;
            }
        }

        _staged.Clear();
    }

    public void DropStaged() => _staged.Clear();

    public void Clear()
    {
        _staged.Clear();
        _committed.Clear();
    }
}
