using System.Globalization;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>Command-line options of the suite (see bench/README.md).</summary>
internal sealed record BenchOptions
{
    public bool Quick { get; init; }

    public int Repeats { get; init; } = 3;

    /// <summary>Raw events produced at once per repeat.</summary>
    public int Events { get; init; } = 160_000;

    /// <summary>Partitions of the raw topic (and so of every sub-topology but reporting's).</summary>
    public int Partitions { get; init; } = 8;

    /// <summary>Event time the burst spans (ending two minutes before the run).</summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Largest arrival delay kept from the generator (see <see cref="RawData.Generate"/>).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Keep the scratch directory (worker logs, state) for a post-mortem.</summary>
    public bool Keep { get; init; }

    /// <summary>Run the Avro-vs-JSON suite (issue 12) instead of the steady state, and put its section into the output file.</summary>
    public bool Formats { get; init; }

    /// <summary>Use the Confluent.Kafka pipe even where kcat is installed.</summary>
    public bool NoKcat { get; init; }

    /// <summary>Also trace one more burst with dotnet-trace and report the stream thread's top frames (ProfileSuite).</summary>
    public bool Profile { get; init; }

    public string Output { get; init; } = Path.Combine("bench", "RESULTS.md");

    /// <summary>Which suites run: <c>all</c> (default), <c>steady</c>, <c>optout</c>, <c>restore</c> or <c>latency</c>.</summary>
    public string Suite { get; init; } = "all";

    /// <summary>Opt-outs measured by the opt-out latency suite.</summary>
    public int OptOuts { get; init; } = 100;

    /// <summary>Window entries the large-restore suite writes into the counts store's changelog (issue 15: 1M).</summary>
    public long RestoreEntries { get; init; } = DefaultRestoreEntries;

    /// <summary>
    /// Partitions of the large-restore application (so of its counts changelog): the embedded broker keeps ~5 MB per
    /// partition, and 1M entries are ~20 MB after lz4, so 16 leave room to spare.
    /// </summary>
    public int RestorePartitions { get; init; } = 16;

    private const long DefaultRestoreEntries = 1_000_000;
    private const long QuickRestoreEntries = 100_000;
    /// <summary>Raw events per second the steady-rate latency suite produces (issue 15: p99 at 5,000 events/s).</summary>
    public int Rate { get; init; } = 5_000;

    /// <summary>How long the steady-rate latency suite produces at <see cref="Rate"/> (15 s with --quick unless given).</summary>
    public TimeSpan RateDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Worker settings measured beside the baseline in every repeat (<see cref="Lever"/>).</summary>
    public IReadOnlyList<Lever> Levers { get; init; } = [];

    /// <summary>The levers a suite runs (a lever may be limited to some suites: <c>suites=</c>).</summary>
    public IReadOnlyList<Lever> LeversFor(string suite) => [.. Levers.Where(lever => lever.AppliesTo(suite))];

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        int? repeats = null;
        int? events = null;
        long? restoreEntries = null;
        double? rateDuration = null;
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
                case "--partitions":
                    options = options with { Partitions = Math.Clamp(int.Parse(Value(args, ref i), CultureInfo.InvariantCulture), 1, 64) };
                    break;
                case "--span":
                    options = options with { Span = TimeSpan.FromSeconds(double.Parse(Value(args, ref i), CultureInfo.InvariantCulture)) };
                    break;
                case "--max-delay":
                    options = options with { MaxDelay = TimeSpan.FromSeconds(double.Parse(Value(args, ref i), CultureInfo.InvariantCulture)) };
                    break;
                case "--profile":
                    options = options with { Profile = true };
                    break;
                case "--formats":
                    options = options with { Formats = true };
                    break;
                case "--keep":
                    options = options with { Keep = true };
                    break;
                case "--no-kcat":
                    options = options with { NoKcat = true };
                    break;
                case "--suite":
                    var suite = Value(args, ref i);
                    options = options with { Suite = suite is "all" or "steady" or "optout" or "restore" or "latency" ? suite : throw new ArgumentException($"unknown suite '{suite}' (all, steady, optout, restore, latency)") };
                    break;
                case "--optouts":
                    options = options with { OptOuts = Math.Clamp(int.Parse(Value(args, ref i), CultureInfo.InvariantCulture), 1, 10_000) };
                    break;
                case "--restore-entries":
                    restoreEntries = long.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--restore-partitions":
                    options = options with { RestorePartitions = Math.Clamp(int.Parse(Value(args, ref i), CultureInfo.InvariantCulture), 1, 64) };
                    break;
                case "--rate":
                    options = options with { Rate = Math.Clamp(int.Parse(Value(args, ref i), CultureInfo.InvariantCulture), 1, 200_000) };
                    break;
                case "--rate-duration":
                    rateDuration = Math.Clamp(double.Parse(Value(args, ref i), CultureInfo.InvariantCulture), 1, 3_600);
                    break;
                case "--output":
                    options = options with { Output = Value(args, ref i) };
                    break;
                case "--lever":
                    options = options with { Levers = [.. options.Levers, Lever.Parse(Value(args, ref i))] };
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return options with
        {
            Repeats = Math.Max(1, repeats ?? (options.Quick ? 1 : 3)),
            Events = Math.Max(1_000, events ?? (options.Quick ? 20_000 : 160_000)),
            OptOuts = options.Quick ? Math.Min(options.OptOuts, 20) : options.OptOuts,
            RestoreEntries = Math.Max(1_000, restoreEntries ?? (options.Quick ? QuickRestoreEntries : DefaultRestoreEntries)),
            RateDuration = TimeSpan.FromSeconds(rateDuration ?? (options.Quick ? 15 : 60)),
        };
    }

    public const string Usage = "usage: ./build.sh bench [--quick] [--repeats N] [--events N] [--partitions N] [--span SECONDS] [--max-delay SECONDS] [--no-kcat] [--keep] [--suite all|steady|optout|restore|latency] [--optouts N] [--restore-entries N] [--restore-partitions N] [--rate N] [--rate-duration SECONDS] [--profile] [--formats] [--output PATH] [--lever name=[suites=S,…;]Section:Key=value[;…]]…";

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
}
