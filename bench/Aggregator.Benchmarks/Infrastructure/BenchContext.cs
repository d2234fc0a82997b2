namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>What every suite gets: the options, the shared embedded broker and a scratch directory for state.</summary>
internal sealed class BenchContext(BenchOptions options, BenchKafka kafka, string scratch)
{
    private readonly DateTime _started = DateTime.UtcNow;

    public BenchOptions Options { get; } = options;

    public BenchKafka Kafka { get; } = kafka;

    public string Scratch { get; } = scratch;

    /// <summary>A fresh, empty state directory.</summary>
    public string NewStateDirectory(string name) => Directory.CreateDirectory(Path.Combine(Scratch, BenchKafka.UniqueName(name))).FullName;

    /// <summary>Progress on stderr, so a long run shows where it is.</summary>
    public void Log(string message) => Console.Error.WriteLine($"[bench +{(DateTime.UtcNow - _started).TotalSeconds,6:F1}s] {message}");
}
