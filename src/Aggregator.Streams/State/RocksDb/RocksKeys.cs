using System.Buffers.Binary;

namespace Aggregator.Streams.State.RocksDb;

/// <summary>
/// Key layout of the instance's single RocksDB database (all integers big-endian, so byte order is numeric order):
/// <list type="bullet">
/// <item>key-value entry: [store id:2][partition:4][key]</item>
/// <item>window entry: [store id:2][partition:4][segment:8][key][window start:8] — a segment spans a fixed
/// time interval, so old windows expire with one range delete and a key's windows are found per segment.</item>
/// <item>metadata: [0xFF 0xFF][kind:1][...] — store-id registry ('S' + name) and task checkpoints
/// ('C' + sub-topology:4 + partition:4).</item>
/// </list>
/// </summary>
internal static class RocksKeys
{
    public const int PrefixLength = 6;
    public const ushort MetadataId = 0xFFFF;

    public static void WritePrefix(Span<byte> destination, ushort storeId, int partition)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, storeId);
        BinaryPrimitives.WriteInt32BigEndian(destination[2..], partition);
    }

    public static byte[] Prefix(ushort storeId, int partition)
    {
        var prefix = new byte[PrefixLength];
        WritePrefix(prefix, storeId, partition);
        return prefix;
    }

    /// <summary>The first key after every key with this prefix (exclusive upper bound).</summary>
    public static byte[] PrefixEnd(ushort storeId, int partition)
    {
        var end = new byte[PrefixLength];
        if (partition == int.MaxValue)
        {
            BinaryPrimitives.WriteUInt16BigEndian(end, (ushort)(storeId + 1));
        }
        else
        {
            WritePrefix(end, storeId, partition + 1);
        }

        return end;
    }

    public static byte[] StoreRegistryKey(string storeName)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(storeName);
        var key = new byte[3 + name.Length];
        BinaryPrimitives.WriteUInt16BigEndian(key, MetadataId);
        key[2] = (byte)'S';
        name.CopyTo(key, 3);
        return key;
    }

    public static byte[] CheckpointKey(int subtopology, int partition)
    {
        var key = new byte[11];
        BinaryPrimitives.WriteUInt16BigEndian(key, MetadataId);
        key[2] = (byte)'C';
        BinaryPrimitives.WriteInt32BigEndian(key.AsSpan(3), subtopology);
        BinaryPrimitives.WriteInt32BigEndian(key.AsSpan(7), partition);
        return key;
    }
}
