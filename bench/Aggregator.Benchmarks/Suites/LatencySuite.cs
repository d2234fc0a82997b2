using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

internal sealed class LatencySuite : ISuite
{
    public string Name => "latency";

    public Task<string> RunAsync(BenchContext context) => Task.FromResult("## latency\n\nnot yet");
}
