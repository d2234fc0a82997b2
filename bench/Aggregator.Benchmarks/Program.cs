using Aggregator.Benchmarks;
using Aggregator.Benchmarks.Infrastructure;

// One command for the whole suite: ./build.sh bench [--quick] [--repeats N] [--only a,b] [--events N] [--output PATH].
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"bench: {ex.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Child is { } child)
{
    return ChildMeasurement.Run(child);
}

return await SuiteRunner.RunAsync(options, args);
