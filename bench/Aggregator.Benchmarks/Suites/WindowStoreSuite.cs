using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

internal sealed class WindowStoreSuite : ISuite
{
    public string Name => "store";

    public Task<string> RunAsync(BenchContext context) => Task.FromResult("## store\n\nnot yet");
}
