using Aggregator.Activity;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Activity;

public sealed class QueryStringSanitizerTests
{
    private static readonly QueryStringSanitizer Default = new(Options.Create(new ActivityMaskingOptions()));

    public static TheoryData<string> DefaultSensitiveNames() => [.. ActivityMaskingOptions.DefaultSensitiveQueryParameters];

    [Fact]
    public void Defaults_AreTheContractList()
    {
        Assert.Equal(
            ["email", "e-mail", "token", "access_token", "id_token", "refresh_token", "password", "passwd", "pwd", "secret",
             "api_key", "apikey", "key", "auth", "session", "sessionid", "ssn", "phone", "card", "cc"],
            ActivityMaskingOptions.DefaultSensitiveQueryParameters);
    }

    [Theory]
    [MemberData(nameof(DefaultSensitiveNames))]
    public void Sanitize_RemovesEachDefaultSensitiveParameter_KeepingOthersInOrder(string name)
    {
        Assert.Equal("a=1&b=2&c=3", Default.Sanitize($"a=1&{name}=v&b=2&{name}=w&c=3"));
    }

    [Theory]
    [InlineData("EMAIL=x&a=1")]
    [InlineData("Email=x&a=1")]
    [InlineData("Access_Token=x&a=1")]
    [InlineData("e%2Dmail=x&a=1")]
    [InlineData("%65mail=x&a=1")]
    [InlineData("email[]=x&a=1")]
    [InlineData("user[email]=x&a=1")]
    [InlineData("token&a=1")]
    [InlineData("token=&a=1")]
    public void Sanitize_MatchesNames_CaseInsensitivelyAndAsBackendsDecodeThem(string query)
    {
        Assert.Equal("a=1", Default.Sanitize(query));
    }

    [Theory]
    [InlineData("keyboard=1&monkey=2&emails=3&tokenize=4")]
    [InlineData("q=email&search=token")]
    [InlineData("utm_source=news&utm_medium=email&ref=home")]
    [InlineData("a=1&&b=2")]
    [InlineData("x=%20y+z&Q=Mixed")]
    public void Sanitize_ReturnsSameInstance_WhenNothingIsSensitive(string query)
    {
        Assert.Same(query, Default.Sanitize(query));
    }

    [Theory]
    [InlineData("email=x", "")]
    [InlineData("email=x&token=y", "")]
    [InlineData("a=1&email=x", "a=1")]
    [InlineData("email=x&a=1", "a=1")]
    [InlineData("a=%C3%BC&pwd=x&b=%20+", "a=%C3%BC&b=%20+")]
    [InlineData("a=1&email=x&b=2&token=y&c=3", "a=1&b=2&c=3")]
    [InlineData("a=1&b=2&email=x&", "a=1&b=2")]
    [InlineData("email=x&token=y&a=1", "a=1")]
    public void Sanitize_KeepsRemainingParametersVerbatim(string query, string expected)
    {
        Assert.Equal(expected, Default.Sanitize(query));
    }

    [Fact]
    public void Sanitize_HandlesLongQueries()
    {
        var kept = string.Join("&", Enumerable.Range(0, 200).Select(i => $"p{i}=v{i}"));

        Assert.Equal(kept, Default.Sanitize(kept + "&token=secret"));
    }

    [Fact]
    public void Sanitize_UsesConfiguredList_InsteadOfDefaults()
    {
        var sanitizer = new QueryStringSanitizer(Options.Create(new ActivityMaskingOptions { SensitiveQueryParameters = ["gclid", "Fbclid"] }));

        Assert.Equal("email=x&a=1", sanitizer.Sanitize("gclid=1&email=x&FBCLID=2&a=1"));
    }
}
