using System.Diagnostics.Metrics;
using Aggregator.Streams.Runtime;

namespace Aggregator.Streams.Metrics;

/// <summary>
/// The runtime's instruments (meter "Aggregator.Streams"; names in docs/metrics.md). Almost all are observable:
/// they read the stream threads' published snapshots when scraped, so the per-record path pays nothing for them.
/// </summary>
internal sealed class StreamsMetrics : IDisposable
{
    public const string MeterName = "Aggregator.Streams";
    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _commitDuration;

    public StreamsMetrics(KafkaStreams streams, Func<StorageStatistics?> storage)
    {
        _commitDuration = _meter.CreateHistogram<double>("aggregator.streams.commit.duration", "s", "Duration of a commit (caches, changelogs, markers, checkpoints, offsets).");
        _meter.CreateObservableCounter("aggregator.streams.records.processed", () => PerTask(streams, t => t.Processed), description: "Records processed, per task.");
        _meter.CreateObservableCounter("aggregator.streams.records.late_dropped", () => PerTask(streams, t => t.LateRecordsDropped), description: "Records dropped because every window they belong to had closed (past grace), per task.");
        _meter.CreateObservableCounter("aggregator.streams.records.skipped", () => PerTask(streams, t => t.Skipped), description: "Records skipped: undeserializable, invalid timestamp, null grouping key.");
        _meter.CreateObservableCounter("aggregator.streams.records.replays_skipped", () => PerTask(streams, t => t.ReplaysSkipped), description: "Repartition records recognised as replays of already-counted input.");
        _meter.CreateObservableCounter("aggregator.streams.restore.records", () => streams.RestoredRecords + streams.Status.Tasks.Sum(t => t.Restores.Sum(r => r.Restored)), description: "State updates restored from changelogs.");
        _meter.CreateObservableGauge("aggregator.streams.restore.remaining", () => streams.Status.Tasks.SelectMany(t => t.Restores.Select(r =>
            new Measurement<long>(r.Remaining, new KeyValuePair<string, object?>("task", t.TaskId), new KeyValuePair<string, object?>("store", r.Store)))), description: "Changelog records still to restore, per task and store.");
        _meter.CreateObservableCounter("aggregator.streams.global.records_loaded", () => streams.Status.GlobalRecordsLoaded, description: "Records read into global tables (initial load and followed updates).");
        _meter.CreateObservableGauge("aggregator.streams.tasks.restoring", () => streams.Status.Tasks.Count(t => t.Phase == TaskPhase.Restoring), description: "Tasks restoring state.");
        _meter.CreateObservableGauge("aggregator.streams.tasks.running", () => streams.Status.Tasks.Count(t => t.Phase == TaskPhase.Running), description: "Tasks processing.");
        _meter.CreateObservableGauge("aggregator.streams.consumer.lag", () => streams.Status.Lag.Select(l =>
            new Measurement<long>(l.Lag, new KeyValuePair<string, object?>("topic", l.Topic), new KeyValuePair<string, object?>("partition", l.Partition))), description: "Records behind the end of each source partition this instance reads.");
        _meter.CreateObservableGauge("aggregator.streams.store.cache_entries", () => streams.Status.Tasks.SelectMany(t => t.Stores.Select(s =>
            new Measurement<long>(s.CachedEntries, new KeyValuePair<string, object?>("task", t.TaskId), new KeyValuePair<string, object?>("store", s.Store)))), description: "Entries in each store's write cache.");
        _meter.CreateObservableGauge("aggregator.streams.rocksdb.block_cache_bytes", () => storage()?.BlockCacheBytes ?? 0, "By", "Bytes in RocksDB's shared block cache.");
        _meter.CreateObservableGauge("aggregator.streams.rocksdb.memtable_bytes", () => storage()?.MemtableBytes ?? 0, "By", "Bytes in RocksDB memtables.");
        _meter.CreateObservableGauge("aggregator.streams.rocksdb.estimated_keys", () => storage()?.EstimatedKeys ?? 0, description: "RocksDB's estimate of the keys it holds (all stores of the instance).");
        _meter.CreateObservableGauge("aggregator.streams.state", () => (int)streams.State, description: "Instance state: 0 created, 1 starting, 2 rebalancing, 3 running, 4 pending shutdown, 5 not running, 6 error.");
    }

    public void RecordCommit(double seconds) => _commitDuration.Record(seconds);

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> PerTask(KafkaStreams streams, Func<Runtime.TaskStatus, long> value) =>
        streams.Status.Tasks.Select(t => new Measurement<long>(value(t), new KeyValuePair<string, object?>("task", t.TaskId)));
}

/// <summary>RocksDB memory and size, sampled when metrics are scraped.</summary>
internal sealed record StorageStatistics(long BlockCacheBytes, long MemtableBytes, long EstimatedKeys);
