using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks;

/// <summary>
/// Measurements that need a process of their own, so peak RSS (VmHWM) is theirs alone. The parent reads the
/// last "RESULT" line; "PROGRESS" lines let it report how far a run got if it has to stop it.
/// </summary>
internal static class ChildMeasurement
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count != 5 || args[0] != "memory")
        {
            Console.Error.WriteLine($"bench: unknown child measurement '{string.Join(' ', args)}'");
            return 2;
        }

        var entries = int.Parse(args[1], CultureInfo.InvariantCulture);
        var limits = args.Skip(2).Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var directory = Directory.CreateTempSubdirectory("agg-bench-memory-").FullName;
        try
        {
            var idle = ProcessMemory.PeakRss();
            using var store = new WindowStoreWorkload(directory, limits[0], limits[1], limits[2]);
            var opened = ProcessMemory.PeakRss();
            // 5 windows per key, like one hopping-window event: entries / 5 distinct keys.
            var keys = Enumerable.Range(0, (entries + 4) / 5).Select(i => Encoding.UTF8.GetBytes($"page_view|/products/{i:D7}")).ToArray();
            var start = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds() / 60_000 * 60_000;
            var seconds = store.Run(
                entries,
                i => (keys[i / 5], start + (i % 5 * 60_000L)),
                done =>
                {
                    if (done % 100_000 == 0)
                    {
                        Console.WriteLine(FormattableString.Invariant($"PROGRESS {done} {ProcessMemory.PeakRss()}"));
                    }
                });
            var stats = store.Statistics();
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT peak={ProcessMemory.PeakRss()} idle={idle} opened={opened} seconds={seconds:F2} cache={stats.BlockCacheBytes} memtables={stats.MemtableBytes} keys={stats.EstimatedKeys} managed={GC.GetTotalMemory(false)}"));
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
