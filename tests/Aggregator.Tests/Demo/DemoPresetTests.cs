using Aggregator.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Demo;

public class DemoPresetTests
{
    private static GeneratorOptions Bind(params IEnumerable<KeyValuePair<string, string?>>[] layers)
    {
        var builder = new ConfigurationBuilder();
        foreach (var layer in layers)
        {
            builder.AddInMemoryCollection(layer);
        }

        var options = new GeneratorOptions { BootstrapServers = "embedded:9092" };
        GeneratorConfiguration.Bind(builder.Build().GetSection(GeneratorOptions.SectionName), options);
        return options;
    }

    [Fact]
    public void Preset_BindsToValidOptions()
    {
        var options = Bind(DemoPreset.Settings);

        Assert.True(new GeneratorOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(10, options.Speed);
        Assert.Equal(TimeSpan.FromMinutes(3), options.AnomalyAt);
        Assert.Equal(["u-000042", "u-000077"], options.OptedOutUsers);
    }

    [Fact]
    public void FlagsLayeredAbove_OverrideThePreset()
    {
        var options = Bind(DemoPreset.Settings, new Dictionary<string, string?> { ["Generator:Speed"] = "20" });

        Assert.Equal(20, options.Speed);
    }

    [Fact]
    public void Timeline_FiresAndResolvesTheAlarmWithinTwoMinutes_AndDoesNotAlarmOutsideTheBurst()
    {
        // The documented claim, on the generator itself: 130 s of wall time at the preset's rate and speed,
        // counted in 5-minute hopping windows (1-minute advance) over /checkout errors, as the alarm would.
        var options = Bind(DemoPreset.Settings);
        options.Rate = 1000;
        var (generator, time) = GeneratorFixture.Create(options, 1);
        var errorsByMinute = new Dictionary<long, int>();
        for (var i = 0; i < 130_000; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            var record = generator.Next();
            if (record.Truth is { Type: EventTypes.Error, Path: "/checkout", IsDuplicate: false })
            {
                var minute = record.Truth.EventTime.ToUnixTimeSeconds() / 60;
                errorsByMinute[minute] = errorsByMinute.GetValueOrDefault(minute) + 1;
            }
        }

        var start = generator.Clock.EventStart.ToUnixTimeSeconds() / 60;
        var windows = Enumerable.Range(-4, 25).Select(offset => start + offset)
            .Select(first => (Start: first, Count: Enumerable.Range(0, 5).Sum(m => errorsByMinute.GetValueOrDefault(first + m))))
            .ToList();
        var burstStart = generator.Anomaly!.Start.ToUnixTimeSeconds() / 60;
        var burstEnd = generator.Anomaly.End.ToUnixTimeSeconds() / 60;
        bool Overlaps((long Start, int Count) w) => w.Start <= burstEnd && w.Start + 5 > burstStart;

        Assert.All(windows.Where(Overlaps).Where(w => w.Start >= burstStart - 2 && w.Start <= burstEnd - 2),
            w => Assert.True(w.Count > DemoPreset.SuggestedCheckoutErrorThreshold, $"window at {w.Start - start} min: {w.Count}"));
        Assert.All(windows.Where(w => !Overlaps(w) && w.Start >= start),
            w => Assert.True(w.Count < DemoPreset.SuggestedCheckoutErrorThreshold / 4, $"window at {w.Start - start} min: {w.Count}"));
        // The last window touching the burst ends 5 minutes after it, i.e. 30 s of wall time later at 10x.
        Assert.True((generator.Anomaly.End.AddMinutes(5) - generator.Clock.EventStart) / options.Speed < TimeSpan.FromSeconds(90));
    }
}
