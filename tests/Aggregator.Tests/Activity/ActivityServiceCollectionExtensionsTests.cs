using System.Text;
using Aggregator.Activity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aggregator.Tests.Activity;

public sealed class ActivityServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestEvents.Ingest));
        services.AddActivityContract(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public void AddActivityContract_BindsConfigurationKeys()
    {
        using var provider = Build(new()
        {
            ["Activity:Validation:MaxEventBytes"] = "1024",
            ["Activity:Validation:MaxEventAge"] = "2.00:00:00",
            ["Activity:Validation:MaxClockSkew"] = "00:10:00",
            ["Activity:Masking:SensitiveQueryParameters:0"] = "gclid",
            ["Counts:GroupBy"] = "type,host",
        });

        var validation = provider.GetRequiredService<IOptions<ActivityValidationOptions>>().Value;
        Assert.Equal(1024, validation.MaxEventBytes);
        Assert.Equal(TimeSpan.FromDays(2), validation.MaxEventAge);
        Assert.Equal(TimeSpan.FromMinutes(10), validation.MaxClockSkew);
        Assert.Equal(["gclid"], provider.GetRequiredService<IOptions<ActivityMaskingOptions>>().Value.EffectiveSensitiveQueryParameters);
        Assert.Equal("type|host", provider.GetRequiredService<CountKeyBuilder>().Layout);
    }

    [Fact]
    public void AddActivityContract_ResolvesAWorkingRefiner_UsingTheRegisteredClock()
    {
        using var provider = Build([]);
        var value = Encoding.UTF8.GetBytes(TestEvents.Minimal("\"url\":\"/a?email=x&b=1\""));

        var result = provider.GetRequiredService<ActivityRefiner>().Refine(null, value, SourcePosition.Unknown);

        Assert.True(result.IsRefined, result.Rejection?.ToString());
        Assert.Equal(TestEvents.Ingest, result.Event.IngestTime);
        Assert.Equal("b=1", result.Event.Page!.Query);
    }

    [Fact]
    public void AddActivityContract_FailsStartupValidation_ForUnknownGroupByDimension()
    {
        using var provider = Build(new() { ["Counts:GroupBy"] = "type,country" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("unknown dimension 'country'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddActivityContract_FailsStartupValidation_ForOutOfRangeBounds()
    {
        using var provider = Build(new() { ["Activity:Validation:MaxEventBytes"] = "10" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void AddActivityContract_BindsPrivacyOptions_AndTheRefinerAppliesThem()
    {
        using var provider = Build(new()
        {
            ["Privacy:AllowedProperties:0"] = "price",
            ["Privacy:DlqKeepRaw"] = "true",
        });
        var refiner = provider.GetRequiredService<ActivityRefiner>();

        var refined = refiner.Refine(null, Encoding.UTF8.GetBytes(TestEvents.Minimal("\"properties\":{\"price\":1,\"productId\":\"p\"}")), SourcePosition.Unknown);
        var rejected = refiner.Refine(null, Encoding.UTF8.GetBytes("{\"ip\":\"203.0.113.9\"}"), SourcePosition.Unknown);

        Assert.True(provider.GetRequiredService<IOptions<PrivacyOptions>>().Value.DlqKeepRaw);
        Assert.Equal("{\"price\":1}", Encoding.UTF8.GetString(refined.Event!.Properties.Span));
        Assert.Equal("{\"ip\":\"203.0.113.9\"}", Encoding.UTF8.GetString(rejected.DeadLetter!.Value!));
    }

    [Theory]
    [InlineData("Privacy:AllowedProperties:0", " ")]
    [InlineData("Privacy:KeepRaw", "true")] // a misspelt key must not silently leave dead letters masked or unmasked
    public void AddActivityContract_FailsStartupValidation_ForBadPrivacyOptions(string key, string value)
    {
        using var provider = Build(new() { [key] = value });

        // Resolving the refiner (as the hosted services' construction does) must not be what fails: start-up validation
        // reports the problem in one line, and the host can only stop cleanly if its services were built.
        _ = provider.GetRequiredService<ActivityRefiner>();
        Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }
}
