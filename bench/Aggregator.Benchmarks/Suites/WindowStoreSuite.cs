using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>Window-store update rate on RocksDB for three key distributions.</summary>
internal sealed class WindowStoreSuite : ISuite
{
    private static readonly long Base = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds() / 60_000 * 60_000;

    public string Name => "store";

    public Task<string> RunAsync(BenchContext context)
    {
        var updates = context.Options.Quick ? 100_000 : 1_000_000;
        var hotKeys = Keys(100);
        var spreadKeys = Keys(100_000);
        var newKeys = Keys(updates);
        var random = new Random(5);
        var spreadPicks = Enumerable.Range(0, updates).Select(_ => random.Next(spreadKeys.Length)).ToArray();
        var workloads = new (string Name, string Description, Func<int, (byte[], long)> Pick)[]
        {
            ("hot keys", "100 keys round-robin, window advancing every minute of event time (the record cache's best case, here without it)", i => (hotKeys[i % hotKeys.Length], WindowAt(i, updates))),
            ("spread keys", "100,000 keys picked at random, same windows", i => (spreadKeys[spreadPicks[i]], WindowAt(i, updates))),
            ("new keys", "every update a (key, window) never seen before: inserts", i => (newKeys[i], WindowAt(i, updates))),
        };
        var rates = workloads.ToDictionary(w => w.Name, _ => new Samples());
        foreach (var (_, _, pick) in workloads)
        {
            // Warm-up (JIT, RocksDB code paths), not measured.
            using var warmUp = new WindowStoreWorkload(context.NewStateDirectory("store-warmup"));
            warmUp.Run(updates / 10, pick);
        }

        for (var repeat = 1; repeat <= context.Options.Repeats; repeat++)
        {
            foreach (var (name, _, pick) in workloads)
            {
                using var store = new WindowStoreWorkload(context.NewStateDirectory("store"));
                var seconds = store.Run(updates, pick);
                rates[name].Add(updates / seconds);
                context.Log($"store #{repeat} {name}: {updates / seconds:N0} updates/s");
            }
        }

        var text = new StringBuilder();
        text.AppendLine("## 4. Window-store update rate on RocksDB");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{updates:N0} count updates per run (read the (key, window) count, write count + 1) on one task's RocksDB window store, straight on the storage engine");
        text.AppendLine(CultureInfo.InvariantCulture, $"— below the runtime's record cache, which absorbs repeated updates of hot keys between commits — with the task's write batch committed every {WindowStoreWorkload.CommitEvery:N0} updates.");
        text.AppendLine("Default limits (64 MiB block cache, 16 MiB memtable, 64 MiB for all memtables). One hopping-window event is 5 such updates.");
        text.AppendLine();
        text.AppendLine("| keys | updates/s |");
        text.AppendLine("|---|---|");
        foreach (var (name, description, _) in workloads)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name}: {description} | {rates[name].Format()} |");
        }

        return Task.FromResult(text.ToString());
    }

    private static byte[][] Keys(int count) =>
        Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes($"page_view|/products/{i}")).ToArray();

    /// <summary>40 minutes of event time spread over the run; the latest 1-minute-aligned window start.</summary>
    private static long WindowAt(int i, int updates) => Base + ((long)i * 2_400_000 / updates / 60_000 * 60_000);
}
