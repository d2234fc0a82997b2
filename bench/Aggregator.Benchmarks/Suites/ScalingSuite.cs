using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

internal sealed class ScalingSuite : ISuite
{
    public string Name => "scaling";

    public Task<string> RunAsync(BenchContext context) => Task.FromResult("## scaling\n\nnot yet");
}
