using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Aggregator.Activity;

/// <summary>
/// Ids for raw events sent without one: derived from the raw value's bytes, so a producer's retry of the
/// same record gets the same id and downstream de-duplication still works. 128 bits of SHA-256 make a
/// collision between different events negligible.
/// </summary>
internal static class EventIdGenerator
{
    public const string Prefix = "gen-";

    /// <summary><c>"gen-" + lower-case hex of the first 16 bytes of SHA-256(rawValue)</c>, 36 characters.</summary>
    [SkipLocalsInit]
    public static string FromRawValue(ReadOnlySpan<byte> rawValue)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(rawValue, hash);
        Span<char> id = stackalloc char[Prefix.Length + 32];
        Prefix.CopyTo(id);
        Convert.TryToHexStringLower(hash[..16], id[Prefix.Length..], out _);
        return new string(id);
    }
}
