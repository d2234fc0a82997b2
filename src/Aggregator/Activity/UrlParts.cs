using System.Runtime.CompilerServices;

namespace Aggregator.Activity;

/// <summary>
/// The pieces of a page URL the refined record keeps. Hand-parsed rather than through <see cref="Uri"/>,
/// which is several times slower, rejects the relative URLs SDKs send, and normalises paths (unescaping,
/// dot-segment removal, IDN) that the contract says to keep as given.
/// </summary>
/// <param name="Host">Lower-case (ASCII) host without user info or port; empty for relative/schemeless URLs.</param>
/// <param name="Path">The path exactly as given, without query or fragment; "/" for "https://host".</param>
/// <param name="Query">The raw query string without '?' and fragment, unsanitised; empty when none.</param>
internal readonly record struct UrlParts(string Host, string Path, string Query)
{
    public static UrlParts Parse(string url)
    {
        var rest = url.AsSpan();
        var fragment = rest.IndexOf('#');
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        var query = ReadOnlySpan<char>.Empty;
        var questionMark = rest.IndexOf('?');
        if (questionMark >= 0)
        {
            query = rest[(questionMark + 1)..];
            rest = rest[..questionMark];
        }

        var host = string.Empty;
        var authorityStart = AuthorityStart(rest);
        if (authorityStart >= 0)
        {
            var afterScheme = rest[authorityStart..];
            var pathStart = afterScheme.IndexOf('/');
            var authority = pathStart >= 0 ? afterScheme[..pathStart] : afterScheme;
            host = HostOf(authority);
            rest = pathStart >= 0 ? afterScheme[pathStart..] : "/";
        }

        // The common "no query, no fragment, relative" case reuses the input string instead of copying it.
        var path = rest.Length == url.Length ? url : rest.ToString();
        return new UrlParts(host, path, query.IsEmpty ? string.Empty : query.ToString());
    }

    /// <summary>Only the host, for referrers: skips allocating a path and query nobody reads.</summary>
    public static string ParseHost(string url)
    {
        var span = url.AsSpan();
        var authorityStart = AuthorityStart(span);
        if (authorityStart < 0)
        {
            return string.Empty;
        }

        var authority = span[authorityStart..];
        var end = authority.IndexOfAny('/', '?', '#');
        return HostOf(end >= 0 ? authority[..end] : authority);
    }

    /// <summary>Index just past "scheme://" or a leading "//", or -1 when the URL has no authority.</summary>
    private static int AuthorityStart(ReadOnlySpan<char> url)
    {
        if (url.StartsWith("//"))
        {
            return 2;
        }

        var colon = url.IndexOf(':');
        if (colon <= 0 || !url[(colon + 1)..].StartsWith("//") || !char.IsAsciiLetter(url[0]))
        {
            return -1;
        }

        foreach (var c in url[..colon])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return -1;
            }
        }

        return colon + 3;
    }

    [SkipLocalsInit]
    private static string HostOf(ReadOnlySpan<char> authority)
    {
        // User info ("user:password@") is credentials: never carried.
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            authority = close >= 0 ? authority[..(close + 1)] : authority;
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            if (colon >= 0)
            {
                authority = authority[..colon];
            }
        }

        if (authority.IsEmpty)
        {
            return string.Empty;
        }

        // Hosts are case-insensitive; lower-casing makes "Example.COM" and "example.com" one counting key.
        // ASCII only: internationalised names are left exactly as sent.
        if (authority.Length > Utf8StringCache.MaxCachedLength)
        {
            var chars = authority.ToArray();
            LowerAscii(chars);
            return new string(chars);
        }

        Span<char> lower = stackalloc char[authority.Length];
        authority.CopyTo(lower);
        LowerAscii(lower);
        return Utf8StringCache.Hosts.Get(lower);
    }

    private static void LowerAscii(Span<char> value)
    {
        foreach (ref var c in value)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                c = (char)(c | 0x20);
            }
        }
    }
}
