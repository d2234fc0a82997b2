using Aggregator.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Reports;

public sealed class ReportOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new ReportOptions();

        Assert.Equal(TimeSpan.FromMinutes(10), options.Interval);
        Assert.Equal(10_000, options.MaxTrackedPages);
        Assert.Equal(TimeSpan.FromHours(1), options.MaxCatchUp);
        Assert.True(new ReportOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(new SummaryOptionsValidator().Validate(null, new SummaryOptions()).Succeeded);
    }

    [Theory]
    [InlineData("00:01:00")]
    [InlineData("00:05:00")]
    [InlineData("00:15:00")]
    [InlineData("01:00:00")]
    [InlineData("1.00:00:00")]
    public void Interval_AcceptsWholeMinutesDividingADay(string interval)
    {
        Assert.True(new ReportOptionsValidator().Validate(null, new ReportOptions { Interval = TimeSpan.Parse(interval, null) }).Succeeded);
    }

    [Theory]
    [InlineData("00:00:30")]
    [InlineData("00:07:00")]
    [InlineData("00:10:30")]
    [InlineData("2.00:00:00")]
    public void Interval_RejectsOthers(string interval)
    {
        var result = new ReportOptionsValidator().Validate(null, new ReportOptions { Interval = TimeSpan.Parse(interval, null) });

        Assert.True(result.Failed);
        Assert.Contains("Interval", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:30")]
    [InlineData("31.00:00:00")]
    public void MaxCatchUp_RejectsOutOfRange(string maxCatchUp)
    {
        var result = new ReportOptionsValidator().Validate(null, new ReportOptions { MaxCatchUp = TimeSpan.Parse(maxCatchUp, null) });

        Assert.True(result.Failed);
        Assert.Contains("MaxCatchUp", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryOptions_RejectOutOfRange()
    {
        Assert.True(new SummaryOptionsValidator().Validate(null, new SummaryOptions { TopPages = 0 }).Failed);
        Assert.True(new SummaryOptionsValidator().Validate(null, new SummaryOptions { MoverMinChange = 0 }).Failed);
    }

    [Fact]
    public void AddReports_BindsBothSections()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reports:Interval"] = "00:05:00",
            ["Reports:Summary:TopPages"] = "3",
            ["Reports:MaxCatchUp"] = "03:00:00",
        }).Build();
        using var provider = new ServiceCollection().AddReports(configuration).BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMinutes(5), provider.GetRequiredService<IOptions<ReportOptions>>().Value.Interval);
        Assert.Equal(TimeSpan.FromHours(3), provider.GetRequiredService<IOptions<ReportOptions>>().Value.MaxCatchUp);
        Assert.Equal(3, provider.GetRequiredService<IOptions<SummaryOptions>>().Value.TopPages);
    }

    [Fact]
    public void AddReports_FailsOnInvalidConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reports:Interval"] = "00:07:00",
        }).Build();
        using var provider = new ServiceCollection().AddReports(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ReportOptions>>().Value);
    }
}
