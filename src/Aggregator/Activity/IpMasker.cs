using System.Net;
using System.Net.Sockets;

namespace Aggregator.Activity;

/// <summary>
/// Truncates client addresses so they locate a network, not a person: IPv4 to its /24
/// (<c>203.0.113.7</c> → <c>203.0.113.0</c>), IPv6 to its /48 (<c>2001:db8:85a3::8a2e:370:7334</c> →
/// <c>2001:db8:85a3::</c>). Anything that is not a plain address yields null and is simply omitted:
/// a bad <c>ip</c> is not worth losing the event over.
/// </summary>
internal static class IpMasker
{
    public static string? Mask(string ip)
    {
        var span = ip.AsSpan().Trim();
        if (span.IsEmpty || span.Length > 64)
        {
            return null;
        }

        return span.Contains(':') ? MaskIPv6(span) : MaskIPv4(span);
    }

    /// <summary>
    /// Strict dotted quad: exactly four decimal octets without leading zeros. <see cref="IPAddress.TryParse(string, out IPAddress)"/>
    /// also takes "1", "0x7f.1" and "127.1", which no client reports and which would mask to surprises.
    /// </summary>
    private static string? MaskIPv4(ReadOnlySpan<char> span)
    {
        var octets = 0;
        var lastDot = -1;
        var start = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            if (i < span.Length && span[i] != '.')
            {
                continue;
            }

            if (!IsOctet(span[start..i]) || ++octets > 4)
            {
                return null;
            }

            if (i < span.Length)
            {
                lastDot = i;
            }

            start = i + 1;
        }

        return octets == 4 ? string.Concat(span[..lastDot], ".0") : null;
    }

    private static bool IsOctet(ReadOnlySpan<char> part)
    {
        if (part.IsEmpty || part.Length > 3 || (part.Length > 1 && part[0] == '0'))
        {
            return false;
        }

        var value = 0;
        foreach (var c in part)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= 255;
    }

    private static string? MaskIPv6(ReadOnlySpan<char> span)
    {
        // IPAddress.TryParse also takes "[v6]:port" and drops the port; plain addresses only, as for IPv4.
        if (span[0] == '[' || !IPAddress.TryParse(span, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        // "::ffff:203.0.113.7" is an IPv4 client seen through a dual-stack socket: mask it as IPv4, since
        // its /48 would be "::" and say nothing at all.
        if (address.IsIPv4MappedToIPv6)
        {
            return MaskIPv4(address.MapToIPv4().ToString());
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[6..].Clear();

        // Built from bytes, so a zone ("%eth0") is dropped with the rest.
        return new IPAddress(bytes).ToString();
    }
}
