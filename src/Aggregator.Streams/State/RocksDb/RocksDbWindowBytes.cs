using System.Buffers;
using System.Buffers.Binary;
using Aggregator.RocksDb;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.State.RocksDb;

/// <summary>A window store partition in the instance database: [store id][partition][segment][key][window start].</summary>
internal sealed class RocksDbWindowBytes(RocksDatabase database, RocksWriteBatch batch, ushort storeId, int partition, long segmentIntervalMs) : IWindowBytes
{
    private const int SegmentLength = 8;
    private const int TimeLength = 8;
    private const int MaxSegmentsPerFetch = 64;
    private readonly byte[] _prefix = RocksKeys.Prefix(storeId, partition);
    private long _expiredBelowSegment = -1;

    public bool TryGet<T>(ReadOnlySpan<byte> key, long windowStart, RocksValueReader<T> decode, out T value)
    {
        var length = RocksKeys.PrefixLength + SegmentLength + key.Length + TimeLength;
        var rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var full = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            Encode(full, key, windowStart);
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

    public void Stage(ReadOnlySpan<byte> key, long windowStart, byte[]? value)
    {
        var length = RocksKeys.PrefixLength + SegmentLength + key.Length + TimeLength;
        var rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var full = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            Encode(full, key, windowStart);
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
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public void StageExpiry(long windowStartExclusive)
    {
        // Whole segments strictly before the one holding the oldest live window; each only once.
        var segment = Segment(windowStartExclusive);
        if (segment <= _expiredBelowSegment || segment <= 0)
        {
            return;
        }

        batch.DeleteRange(SegmentKey(0), SegmentKey(segment));
        _expiredBelowSegment = segment;
    }

    public IEnumerable<KeyValuePair<long, byte[]>> Fetch(byte[] key, long from, long to)
    {
        var result = new List<KeyValuePair<long, byte[]>>();
        var expectedLength = RocksKeys.PrefixLength + SegmentLength + key.Length + TimeLength;
        if (Segment(to) - Segment(Math.Max(0, from)) > MaxSegmentsPerFetch)
        {
            // A wide range: one pass over the segments' keys beats an iterator per (mostly empty) segment.
            foreach (var entry in FetchAll(from, to))
            {
                if (entry.Key.AsSpan().SequenceEqual(key))
                {
                    result.Add(new(entry.WindowStart, entry.Value));
                }
            }

            return result;
        }

        for (var segment = Segment(Math.Max(0, from)); segment <= Segment(to); segment++)
        {
            var lower = new byte[expectedLength];
            var upper = new byte[expectedLength];
            Encode(lower, key, Math.Max(from, segment * segmentIntervalMs), segment);
            Encode(upper, key, Math.Min(to, ((segment + 1) * segmentIntervalMs) - 1), segment);
            upper = Increment(upper);
            using var iterator = database.CreateIterator(lower, upper);
            for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
            {
                // Another key that extends this one can sort in between: only exact lengths are ours.
                if (iterator.Key.Length == expectedLength)
                {
                    result.Add(new(BinaryPrimitives.ReadInt64BigEndian(iterator.Key[^TimeLength..]), iterator.Value.ToArray()));
                }
            }

            iterator.ThrowIfError();
        }

        return result;
    }

    public IEnumerable<WindowEntry> FetchAll(long from, long to)
    {
        var result = new List<WindowEntry>();
        var first = Segment(Math.Max(0, from));
        var last = Segment(to);
        for (var segment = first; segment <= last; segment = last - first > MaxSegmentsPerFetch ? last + 1 : segment + 1)
        {
            var end = last - first > MaxSegmentsPerFetch ? last + 1 : segment + 1;
            using var iterator = database.CreateIterator(SegmentKey(segment), SegmentKey(end));
            for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
            {
                var entryKey = iterator.Key;
                var start = BinaryPrimitives.ReadInt64BigEndian(entryKey[^TimeLength..]);
                if (start >= from && start <= to)
                {
                    result.Add(new WindowEntry(entryKey[(RocksKeys.PrefixLength + SegmentLength)..^TimeLength].ToArray(), start, iterator.Value.ToArray()));
                }
            }

            iterator.ThrowIfError();
        }

        result.Sort((a, b) => a.WindowStart.CompareTo(b.WindowStart));
        return result;
    }

    private long Segment(long windowStart) => Math.Max(0, windowStart) / segmentIntervalMs;

    private void Encode(Span<byte> destination, ReadOnlySpan<byte> key, long windowStart, long? segment = null)
    {
        _prefix.CopyTo(destination);
        BinaryPrimitives.WriteInt64BigEndian(destination[RocksKeys.PrefixLength..], segment ?? Segment(windowStart));
        key.CopyTo(destination[(RocksKeys.PrefixLength + SegmentLength)..]);
        BinaryPrimitives.WriteInt64BigEndian(destination[^TimeLength..], windowStart);
    }

    private byte[] SegmentKey(long segment)
    {
        var key = new byte[RocksKeys.PrefixLength + SegmentLength];
        _prefix.CopyTo(key, 0);
        BinaryPrimitives.WriteInt64BigEndian(key.AsSpan(RocksKeys.PrefixLength), segment);
        return key;
    }

    /// <summary>The smallest key greater than every key starting with <paramref name="key"/>... here: key + 1 as a number.</summary>
    private static byte[] Increment(byte[] key)
    {
        var result = (byte[])key.Clone();
        for (var i = result.Length - 1; i >= 0; i--)
        {
            if (++result[i] != 0)
            {
                return result;
            }
        }

        return [.. key, 0];
    }
}
