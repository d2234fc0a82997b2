using System.Buffers.Binary;

namespace Aggregator.Topology.Reporting;

/// <summary>How the reporting stores encode numbers: 8 bytes big-endian (the format existing stores already hold).</summary>
internal static class StoreValues
{
    public static byte[] Long(long value)
    {
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    public static long ReadLong(byte[] value) => BinaryPrimitives.ReadInt64BigEndian(value);
}
