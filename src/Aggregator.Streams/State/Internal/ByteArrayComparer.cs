namespace Aggregator.Streams.State.Internal;

/// <summary>Content equality and lexicographic (unsigned) order for byte arrays, as RocksDB orders keys.</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IComparer<byte[]>
{
    public static ByteArrayComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }

    public int Compare(byte[]? x, byte[]? y) => x is null
        ? (y is null ? 0 : -1)
        : y is null ? 1 : x.AsSpan().SequenceCompareTo(y);
}
