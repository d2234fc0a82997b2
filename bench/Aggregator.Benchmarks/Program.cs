using Aggregator.Benchmarks;
using Aggregator.Benchmarks.Infrastructure;

// One command: ./build.sh bench [--quick] [--repeats N] [--events N] [--partitions N] [--no-kcat] [--output PATH].
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

return await SuiteRunner.RunAsync(options, args);
