using System.Buffers.Binary;
using System.Text;

namespace Aggregator.RocksDb.Tests.TestSupport;

internal static class Bytes
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    public static byte[] Int64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    public static long ReadInt64(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt64BigEndian(bytes);

    /// <summary>All keys of the database in order, as text.</summary>
    public static List<string> AllKeys(RocksDatabase db, byte[]? lower = null, byte[]? upper = null)
    {
        using var iterator = db.CreateIterator(lower, upper);
        var keys = new List<string>();
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            keys.Add(Text(iterator.Key));
        }

        iterator.ThrowIfError();
        return keys;
    }
}
