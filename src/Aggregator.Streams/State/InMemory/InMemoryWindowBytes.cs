using Aggregator.RocksDb;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.State.InMemory;

/// <summary>Windows bucketed by start time, so expiry drops whole buckets.</summary>
internal sealed class InMemoryWindowBytes : IWindowBytes, IStagedInMemory
{
    private readonly SortedDictionary<long, SortedDictionary<byte[], byte[]>> _windows = [];
    private readonly List<(byte[] Key, long WindowStart, byte[]? Value)> _staged = [];
    private long _stagedExpiry = long.MinValue;

    // Committed state is read by interactive queries on other threads while the stream thread commits.
    private readonly Lock _committedLock = new();

    public bool TryGet<T>(ReadOnlySpan<byte> key, long windowStart, RocksValueReader<T> decode, out T value)
    {
        if (_windows.TryGetValue(windowStart, out var bucket) && bucket.TryGetValue(key.ToArray(), out var bytes))
        {
            value = decode(bytes);
            return true;
        }

        value = default!;
        return false;
    }

    public void Stage(ReadOnlySpan<byte> key, long windowStart, byte[]? value) => _staged.Add((key.ToArray(), windowStart, value));

    public void StageExpiry(long windowStartExclusive) => _stagedExpiry = Math.Max(_stagedExpiry, windowStartExclusive);

    public IEnumerable<KeyValuePair<long, byte[]>> Fetch(byte[] key, long from, long to)
    {
        lock (_committedLock)
        {
            return FetchLocked(key, from, to);
        }
    }

    private List<KeyValuePair<long, byte[]>> FetchLocked(byte[] key, long from, long to)
    {
        var result = new List<KeyValuePair<long, byte[]>>();
        foreach (var (start, bucket) in _windows)
        {
            if (start > to)
            {
                break;
            }

            if (start >= from && bucket.TryGetValue(key, out var value))
            {
                result.Add(new(start, value));
            }
        }

        return result;
    }

    public IEnumerable<WindowEntry> FetchAll(long from, long to)
    {
        var result = new List<WindowEntry>();
        foreach (var (start, bucket) in _windows)
        {
            if (start > to)
            {
                break;
            }

            if (start >= from)
            {
                result.AddRange(bucket.Select(entry => new WindowEntry(entry.Key, start, entry.Value)));
            }
        }

        return result;
    }

    public void ApplyStaged()
    {
        lock (_committedLock)
        {
            ApplyStagedLocked();
        }
    }

    private void ApplyStagedLocked()
    {
        foreach (var (key, start, value) in _staged)
        {
            if (value is null)
            {
                if (_windows.TryGetValue(start, out var bucket))
                {
                    bucket.Remove(key);
                }
            }
            else
            {
                if (!_windows.TryGetValue(start, out var bucket))
                {
                    bucket = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
                    _windows[start] = bucket;
                }

                bucket[key] = value;
            }
        }

        _staged.Clear();
        if (_stagedExpiry != long.MinValue)
        {
            foreach (var start in _windows.Keys.TakeWhile(start => start < _stagedExpiry).ToList())
            {
                _windows.Remove(start);
            }

            _stagedExpiry = long.MinValue;
        }
    }

    public void DropStaged()
    {
        _staged.Clear();
        _stagedExpiry = long.MinValue;
    }

    public void Clear()
    {
        DropStaged();
        _windows.Clear();
    }
}
