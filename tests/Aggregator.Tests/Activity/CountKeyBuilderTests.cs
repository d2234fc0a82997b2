using Aggregator.Activity;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Activity;

public sealed class CountKeyBuilderTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static RefinedEvent Event(PageInfo? page = null, DeviceInfo? device = null, string? referrerHost = null, string type = "page_view") => new()
    {
        EventId = "e", Type = type, UserId = "u", EventTime = Time, IngestTime = Time,
        Page = page, Device = device, ReferrerHost = referrerHost,
    };

    [Fact]
    public void Build_DefaultsToTypeAndPath_WithoutQuery()
    {
        var builder = new CountKeyBuilder(Options.Create(new CountingOptions()));

        var key = builder.Build(Event(new PageInfo("shop.example.com", "/products/42", "x=1")));

        Assert.Equal("page_view|/products/42", key);
        Assert.Equal("type|path", builder.Layout);
    }

    [Fact]
    public void Build_WritesDash_ForMissingValues()
    {
        var builder = CountKeyBuilder.For(CountDimension.Type, CountDimension.Path, CountDimension.Host, CountDimension.ReferrerHost, CountDimension.DeviceClass);

        Assert.Equal("click|-|-|-|-", builder.Build(Event(type: "click")));
        Assert.Equal("click|/a|-|-|-", builder.Build(Event(new PageInfo("", "/a", ""), type: "click")));
    }

    [Fact]
    public void Build_SupportsEveryDimension_InConfiguredOrder()
    {
        var builder = new CountKeyBuilder(Options.Create(new CountingOptions { GroupBy = "os, browser,deviceClass,referrerHost,host,path,type" }));

        var key = builder.Build(Event(
            new PageInfo("shop.example.com", "/p", ""), new DeviceInfo("mobile", "Samsung Internet", "Android"), "www.google.com"));

        Assert.Equal("Android|Samsung Internet|mobile|www.google.com|shop.example.com|/p|page_view", key);
        Assert.Equal("os|browser|deviceClass|referrerHost|host|path|type", builder.Layout);
    }

    [Fact]
    public void Build_SingleDimension_HasNoSeparator()
    {
        Assert.Equal("page_view", CountKeyBuilder.For(CountDimension.Type).Build(Event()));
    }

    [Fact]
    public void Build_EscapesSeparatorInsideValues_SoKeysSplitUnambiguously()
    {
        var builder = CountKeyBuilder.For(CountDimension.Type, CountDimension.Path);

        var key = builder.Build(Event(new PageInfo("", "/a|b", "")));

        Assert.Equal("page_view|/a%7Cb", key);
        Assert.Equal(["page_view", "/a%7Cb"], CountKeyBuilder.Split(key));
    }

    [Fact]
    public void Constructor_Throws_ForUnknownDimension_ListingAllowedOnes()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new CountKeyBuilder(Options.Create(new CountingOptions { GroupBy = "type,country" })));

        Assert.Contains("unknown dimension 'country'; allowed: type, path, host, deviceClass, browser, os, referrerHost", ex.Message, StringComparison.Ordinal);
    }
}
