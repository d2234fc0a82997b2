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
        (string Marker, string Text)? ownSection = null;
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
                ownSection = (FormatsMarker, await SectionAsync("Avro vs JSON", () => new FormatsSuite().RunAsync(context)));
            }
            else if (options.Profile)
            {
                ownSection = (ProfileMarker, await SectionAsync("Where the stream thread's time goes", () => ProfileSuite.RunAsync(context)));
            }

            if (ownSection is null && options.Suite is "all" or "steady")
            {
                document.Add(await SectionAsync("Steady state", () => new SteadyStateSuite().RunAsync(context)));
            }

            if (ownSection is null && options.Suite is "all" or "optout")
            {
                document.Add(await SectionAsync("Opt-out → first drop", () => new OptOutLatencySuite().RunAsync(context)));
            }

            if (ownSection is null && options.Suite is "all" or "restore")
            {
                document.Add(await SectionAsync("Cold restore of 1M window entries", () => new LargeRestoreSuite().RunAsync(context)));
            }

            if (ownSection is null && options.Suite is "all" or "latency")
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
        await File.WriteAllTextAsync(output, ownSection is { } own ? WithOwnSection(output, own.Marker, own.Text) : document.Render(options, args) + OwnSections(output));
        Console.Error.WriteLine($"bench: wrote {output}");
        return failed ? 1 : 0;
    }

    private const string FormatsMarker = "<!-- formats: written by ./build.sh bench --formats -->";
    private const string ProfileMarker = "<!-- profile: written by ./build.sh bench --profile -->";

    // --formats and --profile each replace (or append) their own section of the results file and leave the rest as it was.
    private static string WithOwnSection(string output, string marker, string section)
    {
        var existing = File.Exists(output) ? File.ReadAllText(output) : "# Benchmark results\n";
        var at = existing.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return existing.TrimEnd() + "\n\n" + marker + "\n\n" + section.TrimEnd() + "\n";
        }

        var next = existing.IndexOf("\n<!-- ", at + marker.Length, StringComparison.Ordinal);
        var after = next < 0 ? string.Empty : "\n" + existing[(next + 1)..];
        return existing[..at] + marker + "\n\n" + section.TrimEnd() + "\n" + after;
    }

    // A run of the suites rewrites the file but keeps the --formats and --profile sections (each says its commit and date).
    private static string OwnSections(string output)
    {
        if (!File.Exists(output))
        {
            return string.Empty;
        }

        var existing = File.ReadAllText(output);
        var first = new[] { existing.IndexOf(FormatsMarker, StringComparison.Ordinal), existing.IndexOf(ProfileMarker, StringComparison.Ordinal) }
            .Where(at => at >= 0).DefaultIfEmpty(-1).Min();
        return first < 0 ? string.Empty : "\n" + existing[first..];
    }
}
