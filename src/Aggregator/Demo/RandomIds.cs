using System.Globalization;

namespace Aggregator.Demo;

/// <summary>Identifiers drawn from a seeded <see cref="Random"/>, so they repeat with the seed (unlike Guid.NewGuid).</summary>
internal static class RandomIds
{
    /// <summary>A version-4-shaped UUID string such as <c>3f2b8c1e-7d4a-4f0e-9b6c-2a1d5e8f7c30</c>.</summary>
    public static string Uuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        // Guid(bytes) prints bytes 6-7 as a little-endian ushort: the version nibble is the top of byte 7.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    /// <summary>Lower-case hex of <paramref name="length"/> characters (tokens, order ids).</summary>
    public static string Hex(Random random, int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    public static string OrderId(Random random, DateTimeOffset time) =>
        "o-" + time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Hex(random, 8);
}
