using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

public sealed class CountDimensionsTests
{
    [Theory]
    [InlineData("type,path", "Type Path")]
    [InlineData(" Type , PATH ", "Type Path")]
    [InlineData("deviceclass,os,browser", "DeviceClass Os Browser")]
    [InlineData("referrerHost,host", "ReferrerHost Host")]
    public void TryParse_ReadsNames_CaseInsensitively(string groupBy, string expected)
    {
        Assert.True(CountDimensions.TryParse(groupBy, out var dimensions, out var error), error);
        Assert.Equal(expected, string.Join(' ', dimensions));
    }

    [Theory]
    [InlineData("type,country", "Counts:GroupBy has unknown dimension 'country'; allowed: type, path, host, deviceClass, browser, os, referrerHost.")]
    [InlineData("", "Counts:GroupBy '' has an empty dimension; allowed: type, path, host, deviceClass, browser, os, referrerHost.")]
    [InlineData("type,,path", "Counts:GroupBy 'type,,path' has an empty dimension; allowed: type, path, host, deviceClass, browser, os, referrerHost.")]
    [InlineData("type,TYPE", "Counts:GroupBy lists 'type' more than once.")]
    public void TryParse_Fails_WithClearMessage(string groupBy, string message)
    {
        Assert.False(CountDimensions.TryParse(groupBy, out _, out var error));
        Assert.Equal(message, error);
    }
}
