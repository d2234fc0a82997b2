using System.Text;
using System.Text.RegularExpressions;
using Aggregator.Alarms;

namespace Aggregator.Tests.Alarms;

public sealed class PathGlobTests
{
    [Theory]
    // literal: exact and case-sensitive
    [InlineData("/checkout", "/checkout", true)]
    [InlineData("/checkout", "/checkout/", false)]
    [InlineData("/checkout", "/Checkout", false)]
    [InlineData("/checkout", "/checkou", false)]
    // * : any characters except '/', including none
    [InlineData("/products/*", "/products/42", true)]
    [InlineData("/products/*", "/products/", true)]
    [InlineData("/products/*", "/products/42/reviews", false)]
    [InlineData("/products/*/reviews", "/products/42/reviews", true)]
    [InlineData("/products/*/reviews", "/products/reviews", false)]
    [InlineData("*.html", "index.html", true)]
    [InlineData("*.html", "/a/index.html", false)]
    [InlineData("/a*b*c", "/aXbYc", true)]
    [InlineData("/a*b*c", "/abc", true)]
    [InlineData("/a*b*c", "/aXcYb", false)]
    // ** : any characters, '/' included
    [InlineData("/checkout/**", "/checkout/", true)]
    [InlineData("/checkout/**", "/checkout/pay/card", true)]
    [InlineData("/checkout/**", "/checkout", false)]
    [InlineData("/checkout**", "/checkout", true)]
    [InlineData("/checkout**", "/checkout/pay", true)]
    [InlineData("**", "/anything/at/all", true)]
    [InlineData("**", "", true)]
    [InlineData("/**/reviews", "/products/42/reviews", true)]
    [InlineData("/**/reviews", "/reviews", false)]
    [InlineData("**/*.json", "/api/v1/items.json", true)]
    [InlineData("***", "/a/b", true)]
    // ? : exactly one character except '/'
    [InlineData("/p?", "/p1", true)]
    [InlineData("/p?", "/p", false)]
    [InlineData("/p?", "/p12", false)]
    [InlineData("/p?/x", "/p//x", false)]
    [InlineData("/p??", "/p12", true)]
    // regex metacharacters are literal
    [InlineData("/a.b", "/aXb", false)]
    [InlineData("/a.b", "/a.b", true)]
    [InlineData("/(x)+[y]$", "/(x)+[y]$", true)]
    [InlineData("/search%7Cx", "/search%7Cx", true)]
    public void IsMatch(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, PathGlob.Parse(pattern).IsMatch(path));
    }

    [Fact]
    public void IsMatch_HandlesLongPaths()
    {
        var glob = PathGlob.Parse("/**/end");
        var path = "/" + string.Join('/', Enumerable.Repeat("segment", 200)) + "/end";

        Assert.True(glob.IsMatch(path));
        Assert.False(glob.IsMatch(path + "x"));
    }

    [Fact]
    public void IsMatch_ManyStars_StaysLinear()
    {
        // A backtracking matcher takes exponential time on this; the token-by-token pass does not.
        var glob = PathGlob.Parse("/" + string.Concat(Enumerable.Repeat("**a", 20)) + "b");
        var path = "/" + new string('a', 400);

        Assert.False(glob.IsMatch(path));
    }

    [Theory]
    [InlineData("", "blank")]
    [InlineData("  ", "blank")]
    [InlineData("/a|b", "'|'")]
    public void TryParse_RejectsInvalidPatterns(string pattern, string expected)
    {
        Assert.False(PathGlob.TryParse(pattern, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PathGlob.Parse(pattern));
    }

    [Fact]
    public void IsMatch_AgreesWithAnEquivalentRegex_OnRandomGlobsAndPaths()
    {
        // The oracle: ** → .*, * → [^/]*, ? → [^/], everything else literal. Both matchers (bit mask for short
        // paths, buffer for long ones) are checked on the same inputs.
        var random = new Random(12345);
        for (var trial = 0; trial < 5_000; trial++)
        {
            var pattern = RandomText(random, "ab/*?", random.Next(1, 9));
            if (string.IsNullOrWhiteSpace(pattern))
            {
                continue;
            }

            var glob = PathGlob.Parse(pattern);
            var regex = new Regex("^" + ToRegex(pattern) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
            for (var p = 0; p < 10; p++)
            {
                var path = RandomText(random, "ab/", random.Next(0, p < 8 ? 12 : 90));
                var expected = regex.IsMatch(path);
                Assert.True(expected == glob.IsMatch(path), $"'{pattern}' on '{path}': expected {expected}");
                Assert.True(expected == glob.MatchSpans(path), $"'{pattern}' on '{path}' (spans): expected {expected}");
                if (path.Length < 64)
                {
                    Assert.True(expected == glob.MatchBits(path), $"'{pattern}' on '{path}' (bits): expected {expected}");
                }
            }
        }
    }

    [Theory]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    public void IsMatch_AtTheBitMaskBoundary(int length)
    {
        var path = "/" + new string('x', length - 1);

        Assert.True(PathGlob.Parse("/*").IsMatch(path));
        Assert.True(PathGlob.Parse("/**x").IsMatch(path));
        Assert.False(PathGlob.Parse("/*/").IsMatch(path));
        Assert.True(PathGlob.Parse("/" + new string('?', length - 1)).IsMatch(path));
        Assert.False(PathGlob.Parse("/" + new string('?', length)).IsMatch(path));
    }

    private static string RandomText(Random random, string alphabet, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }

    private static string ToRegex(string glob)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*')
            {
                var stars = 1;
                while (i + 1 < glob.Length && glob[i + 1] == '*')
                {
                    stars++;
                    i++;
                }

                regex.Append(stars > 1 ? ".*" : "[^/]*");
            }
            else
            {
                regex.Append(glob[i] == '?' ? "[^/]" : Regex.Escape(glob[i].ToString()));
            }
        }

        return regex.ToString();
    }
}
