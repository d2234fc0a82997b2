using System.Buffers.Binary;

namespace Aggregator.Streams.State.Internal;

/// <summary>Changelog keys of window stores: the key's bytes followed by the window start (8 bytes, big-endian).</summary>
internal static class WindowKeyCodec
{
    public static byte[] Encode(byte[] key, long windowStart)
    {
        var bytes = new byte[key.Length + 8];
        key.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), windowStart);
        return bytes;
    }

    public static (byte[] Key, long WindowStart) Decode(byte[] changelogKey)
    {
        var (key, windowStart) = Split(changelogKey);
        return (key.ToArray(), windowStart);
    }

    /// <summary>Like <see cref="Decode"/>, but the key is a view into <paramref name="changelogKey"/>.</summary>
    public static (ReadOnlyMemory<byte> Key, long WindowStart) Split(byte[] changelogKey)
    {
        if (changelogKey.Length < 8)
        {
            throw new FormatException($"A window changelog key needs at least 8 bytes, got {changelogKey.Length}.");
        }

        return (changelogKey.AsMemory(0, changelogKey.Length - 8), BinaryPrimitives.ReadInt64BigEndian(changelogKey.AsSpan(changelogKey.Length - 8)));
    }
}
