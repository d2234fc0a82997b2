using Aggregator.Benchmarks.Infrastructure;
using Aggregator.Benchmarks.Suites;
using Aggregator.Kafka;

namespace Aggregator.Benchmarks;

/// <summary>Runs the suites (steady state, opt-out latency, large restore, steady-rate latency) on one embedded broker and writes the results file.</summary>
internal static class SuiteRunner
{
    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> args)
    {
        // Before any Kafka client exists, as the app does: the bundled librdkafka, whatever else the machine has.
        BundledLibrdkafka.EnsureLoaded();
        var scratch = Directory.CreateTempSubdirectory("agg-bench-").FullName;
        var document = new ResultsDocument();
        var failed = false;
        string? formats = null;
        try
        {
            using var broker = BenchBroker.Start();
            var context = new BenchContext(options, broker, scratch);
            // A suite that fails leaves its section saying why; the others still run.
            async Task<string> SectionAsync(string title, Func<Task<string>> suite)
            {
                try
                {
                    return await suite();
                }
                catch (Exception ex)
                {
                    failed = true;
                    context.Log($"FAILED: {ex}");
                    return $"## {title}\n\n**Failed:** `{ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}`";
                }
            }

            if (options.Formats)
            {
                formats = await SectionAsync("Avro vs JSON", () => new FormatsSuite().RunAsync(context));
            }

            if (!options.Formats && options.Suite is "all" or "steady")
            {
                document.Add(await SectionAsync("Steady state", () => new SteadyStateSuite().RunAsync(context)));
            }

            if (!options.Formats && options.Suite is "all" or "optout")
            {
                document.Add(await SectionAsync("Opt-out → first drop", () => new OptOutLatencySuite().RunAsync(context)));
            }

            if (!options.Formats && options.Suite is "all" or "restore")
            {
                document.Add(await SectionAsync("Cold restore of 1M window entries", () => new LargeRestoreSuite().RunAsync(context)));
            }

            if (!options.Formats && options.Suite is "all" or "latency")
            {
                document.Add(await SectionAsync("Steady rate: produce → refined latency", () => new SteadyRateLatencySuite().RunAsync(context)));
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
        await File.WriteAllTextAsync(output, formats is null ? document.Render(options, args) : WithFormatsSection(output, formats));
        Console.Error.WriteLine($"bench: wrote {output}");
        return failed ? 1 : 0;
    }

    // --formats replaces (or appends) its own section of the results file and leaves the steady-state sections as they were.
    private static string WithFormatsSection(string output, string section)
    {
        const string Marker = "<!-- formats: written by ./build.sh bench --formats -->";
        var existing = File.Exists(output) ? File.ReadAllText(output) : "# Benchmark results\n";
        var at = existing.IndexOf(Marker, StringComparison.Ordinal);
        return (at >= 0 ? existing[..at] : existing.TrimEnd() + "\n\n") + Marker + "\n\n" + section.TrimEnd() + "\n";
    }
}
