using Aggregator.Benchmarks.Infrastructure;
using Aggregator.Benchmarks.Suites;
using Aggregator.Kafka;

namespace Aggregator.Benchmarks;

/// <summary>Runs the suites (steady state, opt-out latency) on one embedded broker and writes the results file.</summary>
internal static class SuiteRunner
{
    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> args)
    {
        // Before any Kafka client exists, as the app does: the bundled librdkafka, whatever else the machine has.
        BundledLibrdkafka.EnsureLoaded();
        var scratch = Directory.CreateTempSubdirectory("agg-bench-").FullName;
        var document = new ResultsDocument();
        var failed = false;
        try
        {
            using var broker = BenchBroker.Start();
            var context = new BenchContext(options, broker, scratch);
            if (options.Suite is "all" or "steady")
            {
                try
                {
                    document.Add(await new SteadyStateSuite().RunAsync(context));
                }
                catch (Exception ex)
                {
                    failed = true;
                    context.Log($"FAILED: {ex}");
                    document.Add($"## Steady state\n\n**Failed:** `{ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}`");
                }
            }

            if (options.Suite is "all" or "optout")
            {
                try
                {
                    document.Add(await new OptOutLatencySuite().RunAsync(context));
                }
                catch (Exception ex)
                {
                    failed = true;
                    context.Log($"FAILED: {ex}");
                    document.Add($"## Opt-out → first drop\n\n**Failed:** `{ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}`");
                }
            }
        }
        finally
        {
            if (options.Keep)
            {
                Console.Error.WriteLine($"bench: kept {scratch}");
            }
            else
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        var output = Path.GetFullPath(options.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, document.Render(options, args));
        Console.Error.WriteLine($"bench: wrote {output}");
        return failed ? 1 : 0;
    }
}
