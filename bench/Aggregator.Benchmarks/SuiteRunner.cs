using Aggregator.Benchmarks.Infrastructure;
using Aggregator.Benchmarks.Suites;

namespace Aggregator.Benchmarks;

/// <summary>Runs the selected suites in order on one embedded broker and writes the results file.</summary>
internal static class SuiteRunner
{
    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> args)
    {
        ISuite[] suites = [new ThroughputSuite(), new LatencySuite(), new RestoreSuite(), new WindowStoreSuite(), new MemorySuite(), new ScalingSuite()];
        var scratch = Directory.CreateTempSubdirectory("agg-bench-").FullName;
        var document = new ResultsDocument();
        var failed = false;
        try
        {
            using var kafka = BenchKafka.Start();
            var context = new BenchContext(options, kafka, scratch);
            foreach (var suite in suites.Where(s => options.Runs(s.Name)))
            {
                context.Log($"{suite.Name}: start");
                try
                {
                    document.Add(await suite.RunAsync(context));
                }
                catch (Exception ex)
                {
                    // One broken suite must not cost the figures of the others; the file says what failed.
                    failed = true;
                    context.Log($"{suite.Name}: FAILED: {ex}");
                    document.Add($"## {suite.Name}\n\n**Failed:** `{ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}`");
                }

                context.Log($"{suite.Name}: done");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        var output = Path.GetFullPath(options.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, document.Render(options, args));
        Console.Error.WriteLine($"bench: wrote {output}");
        return failed ? 1 : 0;
    }
}
