using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Aggregator.Activity;

/// <summary>
/// Removes sensitive parameters (tokens, e-mail addresses, passwords…) from a page's query string; the rest
/// is kept verbatim and in order. Names match case-insensitively, after percent-decoding ("e%2Dmail"), and
/// by base or bracketed key ("email[]", "user[email]"), because all of those reach a PHP or Rails backend
/// as the same parameter.
/// </summary>
internal sealed class QueryStringSanitizer
{
    /// <summary>No configured name comes close; longer names are kept without looking (bounds the stack buffer).</summary>
    private const int MaxNameLength = 256;

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _sensitive;

    public QueryStringSanitizer(IOptions<ActivityMaskingOptions> options)
        : this(options.Value.EffectiveSensitiveQueryParameters)
    {
    }

    // Private so the DI container sees one constructor (it can satisfy any IEnumerable<T>, which would be ambiguous).
    private QueryStringSanitizer(IEnumerable<string> sensitiveNames)
    {
        var set = sensitiveNames.Select(n => n.Trim()).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _sensitive = set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A sanitizer for an explicit list of names (tests, tools).</summary>
    public static QueryStringSanitizer For(IEnumerable<string> sensitiveNames) => new(sensitiveNames);

    /// <summary>The query (no leading '?') without sensitive parameters; the same instance when none were present.</summary>
    public string Sanitize(string query)
    {
        // One pass: nothing is copied until the first sensitive parameter, which most queries never have.
        var firstSensitive = -1;
        var firstSensitiveEnd = 0;
        foreach (var range in query.AsSpan().Split('&'))
        {
            if (IsSensitiveParameter(query.AsSpan(range)))
            {
                (firstSensitive, firstSensitiveEnd) = (range.Start.Value, range.End.Value);
                break;
            }
        }

        return firstSensitive < 0 ? query : Rebuild(query, firstSensitive, firstSensitiveEnd);
    }

    [SkipLocalsInit]
    private string Rebuild(string query, int firstSensitive, int firstSensitiveEnd)
    {
        char[]? rented = null;
        var buffer = query.Length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(query.Length));

        // Everything before the first sensitive parameter is kept as it is (without its trailing '&').
        var length = Math.Max(0, firstSensitive - 1);
        query.AsSpan(0, length).CopyTo(buffer);
        var rest = query.AsSpan(Math.Min(query.Length, firstSensitiveEnd + 1));
        if (!rest.IsEmpty)
        {
            foreach (var range in rest.Split('&'))
            {
                var parameter = rest[range];
                if (IsSensitiveParameter(parameter))
                {
                    continue;
                }

                if (length > 0)
                {
                    buffer[length++] = '&';
                }

                parameter.CopyTo(buffer[length..]);
                length += parameter.Length;
            }
        }

        var result = new string(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    /// <summary>Whether a parameter name (undecoded, as it appears before '=') is on the sensitive list.</summary>
    public bool IsSensitiveName(ReadOnlySpan<char> rawName)
    {
        if (rawName.Length > MaxNameLength)
        {
            return false;
        }

        return rawName.ContainsAny('%', '+') ? IsSensitiveEncodedName(rawName) : IsSensitiveDecodedName(rawName);
    }

    [SkipLocalsInit]
    private bool IsSensitiveEncodedName(ReadOnlySpan<char> rawName)
    {
        Span<char> decoded = stackalloc char[MaxNameLength];
        return IsSensitiveDecodedName(decoded[..PercentDecode(rawName, decoded)]);
    }

    private bool IsSensitiveDecodedName(ReadOnlySpan<char> name)
    {
        var bracket = name.IndexOf('[');
        if (bracket < 0)
        {
            return _sensitive.Contains(name);
        }

        if (_sensitive.Contains(name[..bracket]))
        {
            return true;
        }

        // "user[email]", "a[b][token]": any bracketed key that is sensitive makes the parameter sensitive.
        var keys = name[bracket..];
        while (keys.Length > 0 && keys[0] == '[')
        {
            var close = keys.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            if (_sensitive.Contains(keys[1..close]))
            {
                return true;
            }

            keys = keys[(close + 1)..];
        }

        return false;
    }

    private bool IsSensitiveParameter(ReadOnlySpan<char> parameter)
    {
        var equals = parameter.IndexOf('=');
        return IsSensitiveName(equals >= 0 ? parameter[..equals] : parameter);
    }

    /// <summary>Form-decoding of a name for matching only: "%XX" to that byte's char, '+' to space.</summary>
    private static int PercentDecode(ReadOnlySpan<char> source, Span<char> destination)
    {
        var length = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '%' && i + 2 < source.Length && char.IsAsciiHexDigit(source[i + 1]) && char.IsAsciiHexDigit(source[i + 2]))
            {
                c = (char)((HexValue(source[i + 1]) << 4) | HexValue(source[i + 2]));
                i += 2;
            }
            else if (c == '+')
            {
                c = ' ';
            }

            destination[length++] = c;
        }

        return length;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
