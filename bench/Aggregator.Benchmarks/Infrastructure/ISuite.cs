namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>One group of measurements; returns its section of RESULTS.md (markdown).</summary>
internal interface ISuite
{
    string Name { get; }

    Task<string> RunAsync(BenchContext context);
}
