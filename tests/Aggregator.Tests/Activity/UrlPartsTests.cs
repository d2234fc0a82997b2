using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

public sealed class UrlPartsTests
{
    [Theory]
    [InlineData("https://shop.example.com/products/42?x=1&y=2", "shop.example.com", "/products/42", "x=1&y=2")]
    [InlineData("https://shop.example.com/products/42", "shop.example.com", "/products/42", "")]
    [InlineData("http://shop.example.com", "shop.example.com", "/", "")]
    [InlineData("https://shop.example.com?x=1", "shop.example.com", "/", "x=1")]
    [InlineData("https://shop.example.com#top", "shop.example.com", "/", "")]
    public void Parse_SplitsAbsoluteUrl(string url, string host, string path, string query)
    {
        Assert.Equal(new UrlParts(host, path, query), UrlParts.Parse(url));
    }

    [Theory]
    [InlineData("/products/42?x=1", "/products/42", "x=1")]
    [InlineData("/products/42", "/products/42", "")]
    [InlineData("products/42?x=1#f", "products/42", "x=1")]
    [InlineData("?x=1", "", "x=1")]
    [InlineData("shop.example.com/products", "shop.example.com/products", "")]
    public void Parse_KeepsRelativeOrSchemelessUrl_WithEmptyHost(string url, string path, string query)
    {
        Assert.Equal(new UrlParts(string.Empty, path, query), UrlParts.Parse(url));
    }

    [Fact]
    public void Parse_TakesHost_FromProtocolRelativeUrl()
    {
        Assert.Equal(new UrlParts("cdn.example.com", "/a.js", "v=2"), UrlParts.Parse("//cdn.example.com/a.js?v=2"));
    }

    [Theory]
    [InlineData("https://example.com/a/b?x=1#section-2", "/a/b", "x=1")]
    [InlineData("https://example.com/a/b#frag?notquery=1", "/a/b", "")]
    [InlineData("/a#access_token=secret", "/a", "")]
    public void Parse_DropsFragment(string url, string path, string query)
    {
        var parts = UrlParts.Parse(url);

        Assert.Equal(path, parts.Path);
        Assert.Equal(query, parts.Query);
    }

    [Theory]
    [InlineData("https://example.com:8443/a", "example.com")]
    [InlineData("http://localhost:3000/", "localhost")]
    [InlineData("https://user:p%40ss@example.com:444/a", "example.com")]
    [InlineData("https://[2001:db8::1]:8080/a", "[2001:db8::1]")]
    [InlineData("https://[2001:db8::1]/a", "[2001:db8::1]")]
    public void Parse_DropsPortAndUserInfo_FromHost(string url, string host)
    {
        var parts = UrlParts.Parse(url);

        Assert.Equal(host, parts.Host);
        Assert.DoesNotContain("p%40ss", parts.Host + parts.Path + parts.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LowerCasesHost_ButNotPath()
    {
        var parts = UrlParts.Parse("HTTPS://Shop.Example.COM/Products/ABC?Q=Upper");

        Assert.Equal("shop.example.com", parts.Host);
        Assert.Equal("/Products/ABC", parts.Path);
        Assert.Equal("Q=Upper", parts.Query);
    }

    [Theory]
    [InlineData("https://bücher.example/straße/%C3%BC?q=%20x", "bücher.example", "/straße/%C3%BC", "q=%20x")]
    [InlineData("https://xn--bcher-kva.example/a%2Fb/../c", "xn--bcher-kva.example", "/a%2Fb/../c", "")]
    [InlineData("https://BÜCHER.example/", "bÜcher.example", "/", "")]
    public void Parse_LeavesIdnAndPercentEncodingAsIs(string url, string host, string path, string query)
    {
        Assert.Equal(new UrlParts(host, path, query), UrlParts.Parse(url));
    }

    [Fact]
    public void Parse_ReusesInputString_ForPlainRelativePath()
    {
        var url = "/products/" + 42;

        Assert.Same(url, UrlParts.Parse(url).Path);
    }

    [Theory]
    [InlineData("https://www.google.com/search?q=shoes", "www.google.com")]
    [InlineData("https://News.Example.org", "news.example.org")]
    [InlineData("android-app://com.google.android.gm/", "com.google.android.gm")]
    [InlineData("https://example.com?x=1", "example.com")]
    [InlineData("https://example.com#x", "example.com")]
    [InlineData("/internal/page", "")]
    [InlineData("not a url", "")]
    [InlineData("mailto:someone@example.com", "")]
    public void ParseHost_ReturnsLowerCaseHostOnly(string url, string host)
    {
        Assert.Equal(host, UrlParts.ParseHost(url));
    }
}
