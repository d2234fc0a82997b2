using System.Buffers;
using Aggregator.RocksDb;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.State.RocksDb;

/// <summary>A key-value store partition in the instance database: keys are [store id][partition][key].</summary>
internal sealed class RocksDbKeyValueBytes(RocksDatabase database, RocksWriteBatch batch, ushort storeId, int partition) : IKeyValueBytes
{
    private readonly byte[] _prefix = RocksKeys.Prefix(storeId, partition);
    private readonly byte[] _prefixEnd = RocksKeys.PrefixEnd(storeId, partition);

    public bool TryGet<T>(ReadOnlySpan<byte> key, RocksValueReader<T> decode, out T value)
    {
        var length = RocksKeys.PrefixLength + key.Length;
        var rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var full = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            _prefix.CopyTo(full);
            key.CopyTo(full[RocksKeys.PrefixLength..]);
            return database.TryGet(full, decode, out value!);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public void Stage(byte[] key, byte[]? value)
    {
        var length = RocksKeys.PrefixLength + key.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var full = rented.AsSpan(0, length);
            _prefix.CopyTo(full);
            key.CopyTo(full[RocksKeys.PrefixLength..]);
            if (value is null)
            {
                batch.Delete(full);
            }
            else
            {
                batch.Put(full, value);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> All()
    {
        using var iterator = database.CreateIterator(_prefix, _prefixEnd);
        var result = new List<KeyValuePair<byte[], byte[]>>();
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            result.Add(new(iterator.Key[RocksKeys.PrefixLength..].ToArray(), iterator.Value.ToArray()));
        }

        iterator.ThrowIfError();
        return result;
    }
}
