using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// Peak RSS of a process holding 1M distinct (key, window) count entries in the RocksDB window store, with the
/// default RocksDB limits and with lower ones; each in a child process of its own, stopped after a time limit.
/// </summary>
internal sealed class MemorySuite : ISuite
{
    private static readonly (string Name, long Cache, long WriteBuffer, long TotalWriteBuffer)[] Limits =
    [
        ("default limits", 64, 16, 64),
        ("lower limits", 8, 2, 4),
    ];

    private static readonly string[] ChildCommand = ["--child", "memory"];

    public string Name => "memory";

    public async Task<string> RunAsync(BenchContext context)
    {
        var entries = context.Options.Quick ? 200_000 : 1_000_000;
        var timeout = context.Options.Quick ? TimeSpan.FromSeconds(90) : TimeSpan.FromMinutes(4);
        var text = new StringBuilder();
        text.AppendLine("## 5. Memory: peak RSS with distinct (key, window) entries");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"A child process writes {entries:N0} distinct (key, window) counts ({entries / 5:N0} keys × 5 windows) into one task's RocksDB window store,");
        text.AppendLine(CultureInfo.InvariantCulture, $"committing every {WindowStoreWorkload.CommitEvery:N0} updates, and reports its peak RSS (VmHWM: .NET runtime + managed heap + RocksDB). Limits are block cache / memtable / all memtables.");
        text.AppendLine(CultureInfo.InvariantCulture, $"A run is stopped after {timeout.TotalSeconds:F0} s.");
        text.AppendLine();
        text.AppendLine("| limits (MiB) | peak RSS MiB | RSS before writing MiB | seconds to write | RocksDB block cache / memtables at end MiB |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var (name, cache, writeBuffer, total) in Limits)
        {
            var peak = new Samples();
            var opened = new Samples();
            var seconds = new Samples();
            var caches = new Samples();
            var memtables = new Samples();
            string? problem = null;
            for (var repeat = 1; repeat <= context.Options.Repeats && problem is null; repeat++)
            {
                var (result, lastProgress) = await RunChildAsync([entries.ToString(CultureInfo.InvariantCulture), $"{cache}", $"{writeBuffer}", $"{total}"], timeout);
                if (result is null)
                {
                    problem = $"did not finish within {timeout.TotalSeconds:F0} s; last progress: {lastProgress ?? "none"}";
                    break;
                }

                peak.Add(result["peak"] / 1048576.0);
                opened.Add(result["opened"] / 1048576.0);
                seconds.Add(result["seconds"]);
                caches.Add(result["cache"] / 1048576.0);
                memtables.Add(result["memtables"] / 1048576.0);
                context.Log($"memory #{repeat} {name}: peak {result["peak"] / 1048576.0:N0} MiB in {result["seconds"]:N1} s");
            }

            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name}: {cache} / {writeBuffer} / {total} | {(problem is null ? peak.Format() : "**did not finish**")} | {opened.Format()} | {seconds.Format("N1")} | {caches.Format("N1")} / {memtables.Format("N1")} |");
            if (problem is not null)
            {
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"**{name}: {problem}.**");
                text.AppendLine();
                context.Log($"memory {name}: {problem}");
            }
        }

        return text.ToString();
    }

    private static async Task<(Dictionary<string, double>? Result, string? LastProgress)> RunChildAsync(IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemorySuite).Assembly.Location);
        }

        foreach (var arg in ChildCommand.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        string? progress = null;
        string? result = null;
        var reading = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("PROGRESS ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ');
                    progress = FormattableString.Invariant($"{long.Parse(parts[1], CultureInfo.InvariantCulture):N0} entries written, peak RSS {long.Parse(parts[2], CultureInfo.InvariantCulture) / 1048576.0:N0} MiB");
                }
                else if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                {
                    result = line;
                }
            }
        });
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await child.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            return (null, progress);
        }

        await reading;
        if (result is null)
        {
            return (null, progress + $" (exit code {child.ExitCode})");
        }

        return (result[7..].Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture)), progress);
    }
}
