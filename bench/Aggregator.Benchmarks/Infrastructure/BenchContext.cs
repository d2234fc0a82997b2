namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>What every suite gets: the options, the shared embedded broker and a scratch directory for state and logs.</summary>
internal sealed class BenchContext(BenchOptions options, BenchBroker broker, string scratch)
{
    private readonly DateTime _started = DateTime.UtcNow;
    private int _sequence;

    public BenchOptions Options { get; } = options;

    public BenchBroker Broker { get; } = broker;

    public string Scratch { get; } = scratch;

    /// <summary>A fresh, empty directory under the scratch directory.</summary>
    public string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(Scratch, $"{name}{Interlocked.Increment(ref _sequence)}")).FullName;

    /// <summary>Progress on stderr, so a long run shows where it is.</summary>
    public void Log(string message) => Console.Error.WriteLine($"[bench +{(DateTime.UtcNow - _started).TotalSeconds,6:F1}s] {message}");
}
