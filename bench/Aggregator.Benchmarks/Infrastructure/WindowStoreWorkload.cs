using System.Buffers.Binary;
using System.Diagnostics;
using Aggregator.Streams;
using Aggregator.Streams.Processors;
using Aggregator.Streams.State.Internal;
using Aggregator.Streams.State.RocksDb;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Count updates straight on the RocksDB window store of one task (below the runtime's record cache): read the
/// (key, window) count, write count + 1, and commit the task's write batch every <see cref="CommitEvery"/>
/// updates as the runtime does at each commit. Segment interval as for the 5-minute count store.
/// </summary>
internal sealed class WindowStoreWorkload : IDisposable
{
    public const int CommitEvery = 10_000;
    private const long SegmentIntervalMs = 180_000;
    private readonly RocksDbStorageEngine _engine;
    private readonly ITaskStorage _task;
    private readonly IWindowBytes _store;
    private long _seq;

    public WindowStoreWorkload(string directory, long blockCacheMiB = 64, long writeBufferMiB = 16, long totalWriteBufferMiB = 64)
    {
        _engine = RocksDbStorageEngine.Open(new StreamsConfig
        {
            ApplicationId = "bench",
            BootstrapServers = "unused:9092",
            InstanceId = "store",
            StateDirectory = directory,
            RocksDbBlockCacheBytes = blockCacheMiB << 20,
            RocksDbWriteBufferBytes = writeBufferMiB << 20,
            RocksDbTotalWriteBufferBytes = totalWriteBufferMiB << 20,
        });
        _task = _engine.OpenTask(new TaskId(0, 0));
        _store = _task.OpenWindow("counts", SegmentIntervalMs);
    }

    /// <summary>Applies <paramref name="updates"/> count updates; returns the seconds taken. <paramref name="progress"/> is told every commit.</summary>
    public double Run(int updates, Func<int, (byte[] Key, long WindowStart)> pick, Action<int>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < updates; i++)
        {
            var (key, windowStart) = pick(i);
            var count = _store.TryGet(key, windowStart, static v => BinaryPrimitives.ReadInt64BigEndian(v), out long existing) ? existing : 0;
            var value = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(value, count + 1);
            _store.Stage(key, windowStart, value);
            if ((i + 1) % CommitEvery == 0)
            {
                _task.Commit(new TaskCheckpoint { Seq = ++_seq });
                progress?.Invoke(i + 1);
            }
        }

        _task.Commit(new TaskCheckpoint { Seq = ++_seq });
        return clock.Elapsed.TotalSeconds;
    }

    public Streams.Metrics.StorageStatistics Statistics() => _engine.Statistics();

    public void Dispose()
    {
        _task.Dispose();
        _engine.Dispose();
    }
}
