using Aggregator.Demo;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Demo;

public class GeneratorOptionsTests
{
    private static ValidateOptionsResult Validate(GeneratorOptions options) =>
        new GeneratorOptionsValidator().Validate(Options.DefaultName, options);

    private static GeneratorOptions Valid() => new() { BootstrapServers = "localhost:9092" };

    [Fact]
    public void Defaults_AreValid_AndMatchTheDocumentedValues()
    {
        var options = Valid();

        Assert.True(Validate(options).Succeeded, Validate(options).FailureMessage);
        Assert.Equal("activity.raw", options.Topic);
        Assert.Equal("privacy.optouts", options.OptOutTopic);
        Assert.Equal(1000, options.Rate);
        Assert.Equal(5000, options.Users);
        Assert.Equal(1, options.Speed);
        Assert.Equal(0.005, options.MalformedRatio);
        Assert.Equal(0.01, options.DuplicateRatio);
        Assert.Null(options.Duration);
        Assert.Null(options.Count);
        Assert.Null(options.AnomalyAt);
        Assert.Equal(TimeSpan.Zero, options.EffectiveReplayLookback);
    }

    [Fact]
    public void EffectiveReplayLookback_IsHalfAnHour_WhenReplayingFaster()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), new GeneratorOptions { Speed = 10 }.EffectiveReplayLookback);
        Assert.Equal(TimeSpan.FromMinutes(5), new GeneratorOptions { Speed = 10, ReplayLookback = TimeSpan.FromMinutes(5) }.EffectiveReplayLookback);
    }

    [Fact]
    public void MissingBootstrapServers_Fails_NamingTheFlag()
    {
        var result = Validate(new GeneratorOptions());

        Assert.True(result.Failed);
        Assert.Contains("--bootstrap-servers", result.FailureMessage);
    }

    [Fact]
    public void DurationAndCount_AreMutuallyExclusive()
    {
        var options = Valid();
        options.Duration = TimeSpan.FromSeconds(30);
        options.Count = 100;

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains("mutually exclusive", result.FailureMessage);
        Assert.Contains("--count", result.FailureMessage);
    }

    // Keyed by a readable name: the options type is internal, so theory data cannot carry the lambdas.
    private static readonly Dictionary<string, (Action<GeneratorOptions> Break, string Mentioned)> Cases = new()
    {
        ["o.Rate = -1"] = (o => o.Rate = -1, "GeneratorOptions.Rate must be between 0 and 10000000"),
        ["o.Rate = 20_000_000"] = (o => o.Rate = 20_000_000, "GeneratorOptions.Rate must be between 0 and 10000000"),
        ["o.Users = 0"] = (o => o.Users = 0, "GeneratorOptions.Users"),
        ["o.Users = 2_000_000"] = (o => o.Users = 2_000_000, "GeneratorOptions.Users"),
        ["o.Count = 0"] = (o => o.Count = 0, "GeneratorOptions.Count"),
        ["o.Duration = TimeSpan.Zero"] = (o => o.Duration = TimeSpan.Zero, "--duration"),
        ["o.Speed = 0.5"] = (o => o.Speed = 0.5, "GeneratorOptions.Speed"),
        ["o.MalformedRatio = 1.5"] = (o => o.MalformedRatio = 1.5, "GeneratorOptions.MalformedRatio"),
        ["o.DuplicateRatio = -0.1"] = (o => o.DuplicateRatio = -0.1, "GeneratorOptions.DuplicateRatio"),
        ["{ o.MalformedRatio = 0.3; o.DuplicateRatio = 0.3; }"] = (o => { o.MalformedRatio = 0.3; o.DuplicateRatio = 0.3; }, "must not exceed 0.5"),
        ["o.AnomalyAt = TimeSpan.FromMinutes(-1)"] = (o => o.AnomalyAt = TimeSpan.FromMinutes(-1), "GeneratorOptions.AnomalyAt"),
        ["o.AnomalyFor = TimeSpan.Zero"] = (o => o.AnomalyFor = TimeSpan.Zero, "GeneratorOptions.AnomalyFor"),
        ["o.AnomalyMultiplier = 0.5"] = (o => o.AnomalyMultiplier = 0.5, "GeneratorOptions.AnomalyMultiplier"),
        ["o.Topic = ''"] = (o => o.Topic = "", "--topic"),
        ["o.Compression = 'brotli'"] = (o => o.Compression = "brotli", "Compression"),
        ["o.OptedOutUsers.Add(' ')"] = (o => o.OptedOutUsers.Add(" "), "OptedOutUsers"),
        ["o.ProgressInterval = TimeSpan.FromMilliseconds(10)"] = (o => o.ProgressInterval = TimeSpan.FromMilliseconds(10), "ProgressInterval"),
    };

    public static TheoryData<string> Invalid => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidValue_Fails_WithAClearMessage(string change)
    {
        var (breakIt, mentioned) = Cases[change];
        var options = Valid();
        breakIt(options);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(mentioned, result.FailureMessage);
    }
}
