using Xunit.Abstractions;
using Aggregator.RocksDb.Tests.TestSupport;
using static Aggregator.RocksDb.Tests.TestSupport.Bytes;

namespace Aggregator.RocksDb.Tests;

/// <summary>
/// Every native object the binding creates (pinned slices, error strings, iterators with their read options
/// and bounds, batches, whole databases) must be freed. A leak of even ~100 bytes per operation shows up
/// here as tens of megabytes: RocksDB's own memory is capped small and reached during the warm-up, so
/// growth after it can only come from us.
/// </summary>
[Collection(nameof(ProcessMemoryCollection))]
public sealed class NativeResourceLeakTests(ITestOutputHelper output)
{
    private const int WarmUpCycles = 50_000;
    private const int MeasuredCycles = 200_000;
    private const long AllowedGrowthBytes = 16L << 20; // a 100-byte-per-cycle leak would be ~20 MB per call site

    [Fact]
    public void HotPaths_DoNotLeakNativeMemory()
    {
        using var cache = new RocksDbCache(4L << 20);
        using var t = new TestDatabase(new RocksDbOptions
        {
            BlockCache = cache,
            WriteBufferSizeBytes = 512 * 1024,
            DbWriteBufferSizeBytes = 2L << 20,
        });
        var workload = new Workload(t.Db);

        workload.Run(WarmUpCycles);
        var before = ProcessMemory.ResidentBytesAfterGc();
        workload.Run(MeasuredCycles);
        var after = ProcessMemory.ResidentBytesAfterGc();

        output.WriteLine($"RSS {before >> 10} KiB -> {after >> 10} KiB over {MeasuredCycles} cycles");
        Assert.True(
            after - before < AllowedGrowthBytes,
            $"RSS grew by {(after - before) >> 10} KiB over {MeasuredCycles} cycles ({before >> 10} -> {after >> 10} KiB)");
        Assert.True(workload.Reads > MeasuredCycles, "the workload must actually have read something");
    }

    [Fact]
    public void OpenAndClose_DoNotLeakMemoryOrFileDescriptors()
    {
        using var dir = new TempDirectory();
        using var cache = new RocksDbCache(1L << 20);
        var options = new RocksDbOptions { BlockCache = cache, WriteBufferSizeBytes = 256 * 1024 };
        var path = dir.Sub("db");

        OpenUseClose(path, options, times: 20);
        var memoryBefore = ProcessMemory.ResidentBytesAfterGc();
        var descriptorsBefore = ProcessMemory.OpenFileDescriptors();
        OpenUseClose(path, options, times: 200);
        var memoryAfter = ProcessMemory.ResidentBytesAfterGc();
        var descriptorsAfter = ProcessMemory.OpenFileDescriptors();

        // An unclosed database keeps its LOCK, LOG, WAL and MANIFEST open: 200 of them could not hide.
        output.WriteLine($"RSS {memoryBefore >> 10} KiB -> {memoryAfter >> 10} KiB, descriptors {descriptorsBefore} -> {descriptorsAfter}");
        Assert.True(descriptorsAfter - descriptorsBefore < 20, $"open descriptors {descriptorsBefore} -> {descriptorsAfter}");
        Assert.True(
            memoryAfter - memoryBefore < AllowedGrowthBytes,
            $"RSS grew by {(memoryAfter - memoryBefore) >> 10} KiB over 200 open/close cycles");
    }

    private static void OpenUseClose(string path, RocksDbOptions options, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var db = RocksDatabase.Open(path, options);
            db.Put(Utf8($"k{i % 10}"), Int64(i));
            Assert.NotNull(db.Get(Utf8("k0")));
            using var it = db.CreateIterator(Utf8("k"), Utf8("l"));
            it.SeekToFirst();
            Assert.True(it.IsValid);
            if (i % 10 == 0)
            {
                db.Flush();
            }
        }
    }

    /// <summary>One cycle touches every native allocation site of the hot paths, error paths included.</summary>
    private sealed class Workload(RocksDatabase db)
    {
        private const int KeySpace = 2_000; // overwritten again and again: RocksDB's data size stays flat
        private readonly byte[] _value = new byte[100];
        private readonly byte[] _key = new byte[12];
        private readonly byte[] _upper = new byte[12];
        private readonly RocksWriteBatch _reusedBatch = new();

        public long Reads { get; private set; }

        public void Run(int cycles)
        {
            for (var i = 0; i < cycles; i++)
            {
                var id = i % KeySpace;
                SetKey(_key, id);
                db.Put(_key, _value);
                Reads += db.Get(_key) is null ? 0 : 1;
                Reads += db.TryGet(_key, static v => v.Length, out _) ? 1 : 0;
                db.Get("missing"u8);

                SetKey(_upper, id + 5);
                using (var it = db.CreateIterator(_key, _upper))
                {
                    for (it.SeekToFirst(); it.IsValid; it.Next())
                    {
                        Reads += it.Value.Length > 0 ? 1 : 0;
                    }

                    it.ThrowIfError();
                }

                using (var batch = new RocksWriteBatch())
                {
                    batch.Put(_upper, _value);
                    batch.Delete(_upper);
                    db.Write(batch);
                }

                _reusedBatch.Clear();
                if (i % 100 == 0)
                {
                    // Rare, as in production (window segment expiry): with one per cycle, the range tombstones
                    // piling up in the memtable made the reads of this test about 15 times slower.
                    _reusedBatch.DeleteRange(_key, _upper);
                }

                _reusedBatch.Put(_key, _value);
                db.Write(_reusedBatch);

                if (i % 1_000 == 0)
                {
                    Rare();
                }
            }
        }

        // Less frequent paths: errors (strdup'ed messages), properties (malloc'ed strings), checkpoints.
        private void Rare()
        {
            Assert.NotNull(db.GetProperty("rocksdb.estimate-num-keys"));
            Assert.NotNull(db.GetLongProperty("rocksdb.cur-size-all-mem-tables"));
            Assert.Throws<RocksDbException>(() => RocksDatabase.Open(db.Path, new RocksDbOptions())); // locked
        }

        private static void SetKey(byte[] key, int id)
        {
            "key/"u8.CopyTo(key);
            id.TryFormat(key.AsSpan(4), out _, "D8");
        }
    }
}
