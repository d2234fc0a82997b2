using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

internal sealed class MemorySuite : ISuite
{
    public string Name => "memory";

    public Task<string> RunAsync(BenchContext context) => Task.FromResult("## memory\n\nnot yet");
}
