using System.Numerics;

namespace Aggregator.Alarms;

/// <summary>
/// A compiled glob on page paths: <c>*</c> matches any characters except '/', <c>**</c> any characters
/// (including '/', and none), <c>?</c> exactly one character except '/'; everything else is literal and
/// case-sensitive, like the paths themselves. <c>/products/*</c> matches <c>/products/42</c> but not
/// <c>/products/42/reviews</c>; <c>/checkout/**</c> matches both <c>/checkout/</c> and <c>/checkout/pay/card</c>.
/// </summary>
/// <remarks>
/// Matching runs on every count update of the stream tasks, so it is compiled once into tokens and matched by a
/// linear pass per token over the set of reachable positions (a 64-bit mask for paths under 64 characters, a stack
/// buffer beyond): no regex, no allocation, and no exponential backtracking whatever the pattern.
/// </remarks>
internal sealed class PathGlob
{
    private const int StackLimit = 512;

    private readonly Token[] _tokens;

    private PathGlob(string pattern, Token[] tokens)
    {
        Pattern = pattern;
        _tokens = tokens;
    }

    private enum TokenKind
    {
        Literal,
        AnyOne,
        Star,
        DoubleStar,
    }

    public string Pattern { get; }

    /// <exception cref="ArgumentException">The pattern is not a valid glob.</exception>
    public static PathGlob Parse(string pattern) =>
        TryParse(pattern, out var glob, out var error) ? glob : throw new ArgumentException($"Path glob '{pattern}' {error}.", nameof(pattern));

    public static bool TryParse(string? pattern, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PathGlob? glob, out string? error)
    {
        glob = null;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            error = "must not be blank (leave Path out to match every path)";
            return false;
        }

        // '|' separates the values of a count key; a literal one in a path arrives escaped as %7C.
        if (pattern.Contains('|', StringComparison.Ordinal))
        {
            error = "must not contain '|' (write %7C for a literal one)";
            return false;
        }

        var tokens = new List<Token>();
        var literalStart = -1;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c is not ('*' or '?'))
            {
                literalStart = literalStart < 0 ? i : literalStart;
                continue;
            }

            if (literalStart >= 0)
            {
                tokens.Add(new Token(TokenKind.Literal, pattern[literalStart..i]));
                literalStart = -1;
            }

            if (c == '?')
            {
                tokens.Add(new Token(TokenKind.AnyOne, null));
                continue;
            }

            var stars = 1;
            while (i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                stars++;
                i++;
            }

            tokens.Add(new Token(stars == 1 ? TokenKind.Star : TokenKind.DoubleStar, null));
        }

        if (literalStart >= 0)
        {
            tokens.Add(new Token(TokenKind.Literal, pattern[literalStart..]));
        }

        glob = new PathGlob(pattern, [.. tokens]);
        error = null;
        return true;
    }

    public bool IsMatch(ReadOnlySpan<char> path)
    {
        if (_tokens is [{ Kind: TokenKind.Literal, Text: { } exact }])
        {
            return path.SequenceEqual(exact);
        }

        // Most globs start (and many end) with a literal: reject on those before matching the rest.
        if ((_tokens[0].Text is { } prefix && !path.StartsWith(prefix, StringComparison.Ordinal))
            || (_tokens[^1].Text is { } suffix && !path.EndsWith(suffix, StringComparison.Ordinal)))
        {
            return false;
        }

        // "/checkout/**" and "**.json", the common shapes, need nothing more.
        if (_tokens is [{ Kind: TokenKind.Literal }, { Kind: TokenKind.DoubleStar }] or [{ Kind: TokenKind.DoubleStar }, { Kind: TokenKind.Literal }])
        {
            return true;
        }

        return path.Length < 64 ? MatchBits(path) : MatchSpans(path);
    }

    public override string ToString() => Pattern;

    // The same algorithm as MatchSpans on a 64-bit set of positions: typical paths are short.
    internal bool MatchBits(ReadOnlySpan<char> path)
    {
        var n = path.Length;
        ulong nonSlash = 0;
        for (var i = 0; i < n; i++)
        {
            nonSlash |= path[i] == '/' ? 0 : 1UL << i;
        }

        var all = n == 63 ? ulong.MaxValue : (1UL << (n + 1)) - 1;
        ulong reachable = 1;
        foreach (var token in _tokens)
        {
            ulong next = 0;
            switch (token.Kind)
            {
                case TokenKind.Literal:
                    var literal = token.Text.AsSpan();
                    for (var bits = reachable; bits != 0; bits &= bits - 1)
                    {
                        var i = BitOperations.TrailingZeroCount(bits);
                        if (i + literal.Length <= n && path.Slice(i, literal.Length).SequenceEqual(literal))
                        {
                            next |= 1UL << (i + literal.Length);
                        }
                    }

                    break;
                case TokenKind.AnyOne:
                    next = (reachable & nonSlash) << 1;
                    break;
                case TokenKind.Star:
                    next = reachable;
                    for (var grown = next | ((next & nonSlash) << 1); grown != next; grown = next | ((next & nonSlash) << 1))
                    {
                        next = grown;
                    }

                    break;
                default:
                    next = all & ~((reachable & (~reachable + 1)) - 1); // from the lowest reachable position on
                    break;
            }

            reachable = next & all;
            if (reachable == 0)
            {
                return false;
            }
        }

        return ((reachable >> n) & 1) != 0;
    }

    // reachable[i]: the tokens so far can match path[..i]. One linear pass per token computes the next set.
    internal bool MatchSpans(ReadOnlySpan<char> path)
    {
        var n = path.Length;
        Span<bool> reachable = n < StackLimit ? stackalloc bool[n + 1] : new bool[n + 1];
        Span<bool> next = n < StackLimit ? stackalloc bool[n + 1] : new bool[n + 1];
        reachable[0] = true;
        foreach (var token in _tokens)
        {
            next.Clear();
            if (!Step(token, path, reachable, next))
            {
                return false;
            }

            var swap = reachable;
            reachable = next;
            next = swap;
        }

        return reachable[n];
    }

    private static bool Step(Token token, ReadOnlySpan<char> path, ReadOnlySpan<bool> from, Span<bool> to)
    {
        var any = false;
        switch (token.Kind)
        {
            case TokenKind.Literal:
                var literal = token.Text.AsSpan();
                for (var i = 0; i + literal.Length <= path.Length; i++)
                {
                    if (from[i] && path.Slice(i, literal.Length).SequenceEqual(literal))
                    {
                        to[i + literal.Length] = any = true;
                    }
                }

                break;
            case TokenKind.AnyOne:
                for (var i = 0; i < path.Length; i++)
                {
                    if (from[i] && path[i] != '/')
                    {
                        to[i + 1] = any = true;
                    }
                }

                break;
            case TokenKind.Star:
                // Reachable from i, then extended over any run of non-'/' characters.
                var carry = false;
                for (var i = 0; i <= path.Length; i++)
                {
                    carry = from[i] || (carry && path[i - 1] != '/');
                    to[i] = carry;
                    any |= carry;
                }

                break;
            default:
                var seen = false;
                for (var i = 0; i <= path.Length; i++)
                {
                    seen |= from[i];
                    to[i] = seen;
                    any |= seen;
                }

                break;
        }

        return any;
    }

    private readonly record struct Token(TokenKind Kind, string? Text);
}
