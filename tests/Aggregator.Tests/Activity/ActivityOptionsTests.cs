using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

/// <summary>Defaults and source-generated validation of the three activity option classes.</summary>
public sealed class ActivityOptionsTests
{
    [Fact]
    public void ValidationOptions_DefaultToContractBounds()
    {
        var options = new ActivityValidationOptions();

        Assert.Equal(64 * 1024, options.MaxEventBytes);
        Assert.Equal(TimeSpan.FromDays(30), options.MaxEventAge);
        Assert.Equal(TimeSpan.FromHours(1), options.MaxClockSkew);
        Assert.True(new ActivityValidationOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(0, 30, 1)]
    [InlineData(65536, 0, 1)]
    [InlineData(65536, 30, -1)]
    [InlineData(65536, 30, 24 * 8)]
    [InlineData(65536, 3651, 1)]
    public void ValidationOptions_RejectOutOfRangeValues(int maxEventBytes, int maxAgeDays, int maxSkewHours)
    {
        var options = new ActivityValidationOptions
        {
            MaxEventBytes = maxEventBytes,
            MaxEventAge = TimeSpan.FromDays(maxAgeDays),
            MaxClockSkew = TimeSpan.FromHours(maxSkewHours),
        };

        Assert.True(new ActivityValidationOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void MaskingOptions_RejectBlankNames()
    {
        var valid = new ActivityMaskingOptions { SensitiveQueryParameters = ["gclid"] };
        var blank = new ActivityMaskingOptions { SensitiveQueryParameters = ["gclid", " "] };

        Assert.True(new ActivityMaskingOptionsValidator().Validate(null, valid).Succeeded);
        Assert.True(new ActivityMaskingOptionsValidator().Validate(null, blank).Failed);
    }

    [Fact]
    public void CountingOptions_DefaultToTypeAndPath()
    {
        Assert.Equal("type,path", new CountingOptions().GroupBy);
        Assert.True(new CountingOptionsValidator().Validate(null, new CountingOptions()).Succeeded);
    }

    [Fact]
    public void CountingOptions_Validator_ListsAllowedDimensions()
    {
        var result = new CountingOptionsValidator().Validate(null, new CountingOptions { GroupBy = "type,colour" });

        Assert.True(result.Failed);
        Assert.Contains("allowed: type, path, host, deviceClass, browser, os, referrerHost", result.FailureMessage, StringComparison.Ordinal);
    }
}
