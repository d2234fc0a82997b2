namespace Aggregator.Benchmarks;

/// <summary>Measurements that need a process of their own (peak RSS); the parent reads the one line printed.</summary>
internal static class ChildMeasurement
{
    public static int Run(IReadOnlyList<string> args)
    {
        Console.Error.WriteLine($"bench: unknown child measurement {string.Join(' ', args)}");
        return 2;
    }
}
