using System.Globalization;
using Aggregator.IntegrationTests.Infrastructure;

namespace Aggregator.IntegrationTests.Faults;

/// <summary>
/// The fault suite's knobs: CI-sized by default, the issue's full sizes with <c>AGGREGATOR_LONG_FAULTS=1</c>; a random
/// seed unless <c>AGGREGATOR_FAULTS_SEED=N</c> replays one (every test prints the seed it used).
/// </summary>
internal static class FaultSizes
{
    public static bool Long { get; } = Environment.GetEnvironmentVariable("AGGREGATOR_LONG_FAULTS") == "1";

    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("AGGREGATOR_FAULTS_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
        ? seed
        : Random.Shared.Next(1, 1_000_000);

    public static T Pick<T>(T ciSized, T full) => Long ? full : ciSized;

    public static string Describe() => $"{(Long ? "long" : "default")} variant, seed {Seed} (replay: AGGREGATOR_FAULTS_SEED={Seed}{(Long ? " AGGREGATOR_LONG_FAULTS=1" : string.Empty)})";

    /// <summary>A fault scenario's world: a cluster of its own; in the long variant compressed, so the full sizes fit the embedded broker.</summary>
    public static WorkerWorld World(ITestOutputHelper output, int brokers = 1, int partitions = 6, IReadOnlyDictionary<string, string?>? extra = null)
    {
        output.WriteLine(Describe());
        return WorkerWorld.Create(output, brokers, partitions, extra, prefix: "faults", compress: Long);
    }
}
