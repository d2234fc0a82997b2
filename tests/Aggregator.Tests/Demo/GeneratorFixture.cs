using Aggregator.Demo;
using Microsoft.Extensions.Time.Testing;

namespace Aggregator.Tests.Demo;

/// <summary>Builds generators on a manual clock and runs them with a fixed wall-clock step per record.</summary>
internal static class GeneratorFixture
{
    public static readonly DateTimeOffset WallStart = new(2026, 11, 21, 1, 0, 0, TimeSpan.Zero);

    public static (ActivityGenerator Generator, FakeTimeProvider Time) Create(GeneratorOptions options, int seed)
    {
        var time = new FakeTimeProvider(WallStart);
        var clock = new ReplayClock(time, options.Speed, options.EffectiveReplayLookback);
        return (new ActivityGenerator(options, seed, clock), time);
    }

    /// <summary><paramref name="count"/> records, the wall clock advancing <paramref name="step"/> before each.</summary>
    public static List<GeneratedRecord> Run(GeneratorOptions options, int seed, int count, TimeSpan step)
    {
        var (generator, time) = Create(options, seed);
        var records = new List<GeneratedRecord>(count);
        for (var i = 0; i < count; i++)
        {
            time.Advance(step);
            records.Add(generator.Next());
        }

        return records;
    }

    /// <summary>1000 records per second of wall-clock time, as the default rate.</summary>
    public static List<GeneratedRecord> Run(GeneratorOptions options, int seed, int count) =>
        Run(options, seed, count, TimeSpan.FromMilliseconds(1));
}
