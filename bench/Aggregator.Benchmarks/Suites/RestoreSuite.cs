using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

internal sealed class RestoreSuite : ISuite
{
    public string Name => "restore";

    public Task<string> RunAsync(BenchContext context) => Task.FromResult("## restore\n\nnot yet");
}
