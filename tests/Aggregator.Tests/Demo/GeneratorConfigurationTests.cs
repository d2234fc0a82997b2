using Aggregator.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Demo;

public class GeneratorConfigurationTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] entries) =>
        new ConfigurationBuilder().AddInMemoryCollection(entries.Select(e => KeyValuePair.Create(e.Key, e.Value))).Build();

    private static GeneratorOptions Bind(params (string Key, string? Value)[] entries)
    {
        var options = new GeneratorOptions();
        GeneratorConfiguration.Bind(Config(entries).GetSection(GeneratorOptions.SectionName), options);
        return options;
    }

    [Fact]
    public void Bind_ReadsEveryFlagKey_WithHumanDurations()
    {
        var options = Bind(
            ("Generator:BootstrapServers", "broker:9092"),
            ("Generator:Topic", "raw.test"),
            ("Generator:Rate", "2500.5"),
            ("Generator:Duration", "5m"),
            ("Generator:Users", "123"),
            ("Generator:Seed", "-7"),
            ("Generator:Speed", "10"),
            ("Generator:MalformedRatio", "0.02"),
            ("Generator:DuplicateRatio", "0.03"),
            ("Generator:AnomalyAt", "10m"),
            ("Generator:AnomalyFor", "00:02:30"),
            ("Generator:AnomalyMultiplier", "25"),
            ("Generator:ReplayLookback", "1h"),
            ("Generator:PublishOptOuts", "false"),
            ("Generator:OptedOutUsers:0", "u-000001"),
            ("Generator:OptedOutUsers:1", "u-000002"));

        Assert.Equal("broker:9092", options.BootstrapServers);
        Assert.Equal("raw.test", options.Topic);
        Assert.Equal(2500.5, options.Rate);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Duration);
        Assert.Equal(123, options.Users);
        Assert.Equal(-7, options.Seed);
        Assert.Equal(10, options.Speed);
        Assert.Equal(0.02, options.MalformedRatio);
        Assert.Equal(0.03, options.DuplicateRatio);
        Assert.Equal(TimeSpan.FromMinutes(10), options.AnomalyAt);
        Assert.Equal(TimeSpan.FromSeconds(150), options.AnomalyFor);
        Assert.Equal(25, options.AnomalyMultiplier);
        Assert.Equal(TimeSpan.FromHours(1), options.ReplayLookback);
        Assert.False(options.PublishOptOuts);
        Assert.Equal(["u-000001", "u-000002"], options.OptedOutUsers);
    }

    [Fact]
    public void Bind_EveryFlag_MapsToAKeyTheBinderKnows()
    {
        foreach (var flag in GeneratorFlags.All)
        {
            var value = flag.Name switch
            {
                "--duration" or "--anomaly-at" or "--anomaly-for" => "1m",
                "--bootstrap-servers" or "--topic" => "x",
                _ => "1",
            };

            var options = Bind((flag.ConfigurationKey, value)); // throws on an unknown key
            Assert.NotNull(options);
        }
    }

    [Fact]
    public void Bind_AcceptsCommaSeparatedOptOuts_AndCount()
    {
        var options = Bind(("Generator:OptedOutUsers", "u-000001, u-000002,,u-000001"), ("Generator:Count", "20000"));

        Assert.Equal(["u-000001", "u-000002"], options.OptedOutUsers);
        Assert.Equal(20000, options.Count);
    }

    [Fact]
    public void Bind_EmptyValue_LeavesTheDefault()
    {
        var options = Bind(("Generator:Rate", ""), ("Generator:Duration", ""));

        Assert.Equal(1000, options.Rate);
        Assert.Null(options.Duration);
    }

    [Fact]
    public void Bind_ReportsEveryBadValue_AndUnknownKeys_AtOnce()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(
            ("Generator:Rate", "fast"),
            ("Generator:Duration", "5 minutes"),
            ("Generator:Users", "1.5"),
            ("Generator:Rat", "10")));

        Assert.Equal(4, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.Contains("Generator:Rate: 'fast'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Generator:Duration: '5 minutes'", StringComparison.Ordinal) && f.Contains("30s", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Generator:Users", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Generator:Rat is not a generator setting", StringComparison.Ordinal));
    }

    [Fact]
    public void AddTrafficGenerator_BindsAndValidatesThroughOptions()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddTrafficGenerator(Config(("Generator:BootstrapServers", "b:9092"), ("Generator:Duration", "30s"), ("Generator:Count", "5")));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GeneratorOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("mutually exclusive", StringComparison.Ordinal));
    }

    [Fact]
    public void AddTrafficGenerator_LetsTheCallerPointItAtAnEmbeddedBroker()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddTrafficGenerator(Config(("Generator:Rate", "50"))).PostConfigure(o => o.BootstrapServers = "127.0.0.1:1234");
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<GeneratorOptions>>().Value;

        Assert.Equal("127.0.0.1:1234", options.BootstrapServers);
        Assert.Equal(50, options.Rate);
        Assert.NotNull(provider.GetRequiredService<TrafficProducer>());
        Assert.NotNull(provider.GetRequiredService<OptOutPublisher>());
    }
}
