using System.Globalization;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>Command-line options of the suite (see bench/README.md).</summary>
internal sealed record BenchOptions
{
    public static readonly IReadOnlyList<string> AllSuites = ["throughput", "latency", "restore", "store", "memory", "scaling"];

    public bool Quick { get; init; }

    public int Repeats { get; init; } = 3;

    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(AllSuites, StringComparer.OrdinalIgnoreCase);

    /// <summary>Events pre-produced for the throughput and scaling runs.</summary>
    public int Events { get; init; } = 36_000;

    public string Output { get; init; } = Path.Combine("bench", "RESULTS.md");

    /// <summary>Hidden: run one measurement in this (child) process and print its result line.</summary>
    public IReadOnlyList<string>? Child { get; init; }

    public bool Runs(string suite) => Only.Contains(suite);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        int? repeats = null;
        int? events = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--repeats":
                    repeats = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--events":
                    events = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--output":
                    options = options with { Output = Value(args, ref i) };
                    break;
                case "--only":
                    var names = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = names.Where(n => !AllSuites.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
                    if (unknown.Count > 0)
                    {
                        throw new ArgumentException($"unknown suite(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllSuites)}");
                    }

                    options = options with { Only = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase) };
                    break;
                case "--child":
                    options = options with { Child = args.Skip(i + 1).ToList() };
                    i = args.Count;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return options with
        {
            Repeats = Math.Max(1, repeats ?? (options.Quick ? 1 : 3)),
            Events = Math.Max(1_000, events ?? (options.Quick ? 20_000 : 36_000)),
        };
    }

    public const string Usage =
        "usage: ./build.sh bench [--quick] [--repeats N] [--only " + "throughput,latency,restore,store,memory,scaling] [--events N] [--output PATH]";

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
}
