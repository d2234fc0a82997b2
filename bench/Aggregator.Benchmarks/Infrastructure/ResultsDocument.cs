using System.Globalization;
using System.Text;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>Assembles bench/RESULTS.md: machine facts first, then one section per suite.</summary>
internal sealed class ResultsDocument
{
    private readonly List<string> _sections = [];
    private readonly string _loadBefore = MachineFacts.LoadAverage();
    private readonly DateTime _started = DateTime.UtcNow;

    public void Add(string section) => _sections.Add(section);

    public string Render(BenchOptions options, IReadOnlyList<string> args)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmark results");
        text.AppendLine();
        text.AppendLine("Written by `./build.sh bench" + (args.Count > 0 ? " " + string.Join(' ', args) : string.Empty) + "` (bench/Aggregator.Benchmarks; how to read it: bench/README.md).");
        text.AppendLine("Every figure is `median (min – max)` over the repeats; one value means one repeat. The embedded broker (librdkafka's mock");
        text.AppendLine("cluster) runs in the bench process; the worker (`aggregator run`, Streamiz) and the kcat pipe run as processes of their own.");
        text.AppendLine();
        text.AppendLine("| machine fact | value |");
        text.AppendLine("|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| date (UTC) | {_started:yyyy-MM-dd HH:mm} → {DateTime.UtcNow:HH:mm} ({(DateTime.UtcNow - _started).TotalMinutes:F1} min) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| commit | {MachineFacts.Commit()} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| cores | {Environment.ProcessorCount} × {MachineFacts.CpuModel()} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| memory | {MachineFacts.TotalMemory()} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| load average (1/5/15 min) before → after | {_loadBefore} → {MachineFacts.LoadAverage()} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| runtime | {MachineFacts.Runtime()} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| options | repeats {options.Repeats}, events {options.Events:N0}, partitions {options.Partitions}{(options.Suite is "all" or "latency" && !options.Formats ? $", steady rate {options.Rate:N0} events/s for {options.RateDuration.TotalSeconds:N0} s" : string.Empty)}{(options.Quick ? ", --quick (smoke sizes: not for comparison)" : string.Empty)} |");
        text.AppendLine();
        foreach (var section in _sections)
        {
            text.AppendLine(section.TrimEnd());
            text.AppendLine();
        }

        return text.ToString();
    }
}
