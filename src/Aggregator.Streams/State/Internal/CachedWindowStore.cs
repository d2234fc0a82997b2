using Aggregator.RocksDb;
using Aggregator.Streams.Dsl;
using Aggregator.Streams.Serdes;

namespace Aggregator.Streams.State.Internal;

/// <summary>
/// A typed window store: write cache over committed bytes. Windows whose start is older than the
/// observed stream time minus the retention are invisible and are dropped from storage by segment.
/// </summary>
internal sealed class CachedWindowStore<TKey, TValue> : ManagedStore, IWindowStore<TKey, TValue>
    where TKey : notnull
{
    private readonly ISerde<TKey> _keySerde;
    private readonly ISerde<TValue> _valueSerde;
    private readonly RocksValueReader<TValue> _decode;
    private readonly Dictionary<WindowKey, Entry> _cache = [];
    private readonly List<WindowKey> _dirty = [];
    private readonly long _retentionMs;
    private IWindowBytes _backend = null!;

    public CachedWindowStore(
        string name, StoreType type, bool loggingEnabled, bool cachingEnabled, int cacheMaxEntries,
        ISerde<TKey> keySerde, ISerde<TValue> valueSerde, long windowSizeMs, long retentionMs)
        : base(name, type, loggingEnabled, cachingEnabled, cacheMaxEntries)
    {
        _keySerde = keySerde;
        _valueSerde = valueSerde;
        _decode = valueSerde.Deserialize;
        WindowSizeMs = windowSizeMs;
        _retentionMs = retentionMs;
    }

    public long WindowSizeMs { get; }

    /// <summary>Receives (windowed key, value or default, present, timestamp) per entry flushed at commit.</summary>
    public Action<Windowed<TKey>, TValue, bool, long>? FlushListener { get; set; }

    public override int DirtyCount => _dirty.Count;

    public override int CachedCount => _cache.Count;

    /// <summary>
    /// Oldest window start still visible: retention counts from the task's watermark, so windows a lagging input
    /// can still update are never dropped.
    /// </summary>
    public long MinLiveWindowStart => Task.StreamTime < 0 ? long.MinValue : Task.StreamTime - _retentionMs + 1;

    /// <summary>
    /// Segments span half the retention (as in Kafka Streams, at least a minute), so expiring old windows is a
    /// single range delete and at most three segments are searched per key.
    /// </summary>
    public long SegmentIntervalMs => Math.Max(_retentionMs / 2, 60_000);

    protected override void OpenBackend(ITaskStorage storage) => _backend = storage.OpenWindow(Name, SegmentIntervalMs);

    public bool TryFetch(TKey key, long windowStartMs, out TValue value)
    {
        if (windowStartMs < MinLiveWindowStart)
        {
            value = default!;
            return false;
        }

        var entry = Lookup(new WindowKey(key, windowStartMs));
        value = entry.Value;
        return entry.Present;
    }

    public IEnumerable<KeyValuePair<long, TValue>> Fetch(TKey key, long fromStartMs, long toStartMs)
    {
        var from = Math.Max(fromStartMs, MinLiveWindowStart);
        var merged = new SortedDictionary<long, (TValue Value, bool Present)>();
        foreach (var (start, bytes) in _backend.Fetch(_keySerde.Serialize(key), from, toStartMs))
        {
            merged[start] = (_valueSerde.Deserialize(bytes), true);
        }

        foreach (var (windowKey, entry) in _cache)
        {
            if (windowKey.Start >= from && windowKey.Start <= toStartMs && EqualityComparer<TKey>.Default.Equals(windowKey.Key, key))
            {
                merged[windowKey.Start] = (entry.Value, entry.Present);
            }
        }

        return merged.Where(e => e.Value.Present).Select(e => new KeyValuePair<long, TValue>(e.Key, e.Value.Value)).ToList();
    }

    public IEnumerable<KeyValuePair<Windowed<TKey>, TValue>> FetchAll(long fromStartMs, long toStartMs)
    {
        var from = Math.Max(fromStartMs, MinLiveWindowStart);
        var merged = new Dictionary<WindowKey, (TValue Value, bool Present)>();
        foreach (var entry in _backend.FetchAll(from, toStartMs))
        {
            merged[new WindowKey(_keySerde.Deserialize(entry.Key), entry.WindowStart)] = (_valueSerde.Deserialize(entry.Value), true);
        }

        foreach (var (windowKey, entry) in _cache)
        {
            if (windowKey.Start >= from && windowKey.Start <= toStartMs)
            {
                merged[windowKey] = (entry.Value, entry.Present);
            }
        }

        return merged
            .Where(e => e.Value.Present)
            .OrderBy(e => e.Key.Start)
            .Select(e => new KeyValuePair<Windowed<TKey>, TValue>(
                new Windowed<TKey>(e.Key.Key, new TimeWindow(e.Key.Start, e.Key.Start + WindowSizeMs)), e.Value.Value))
            .ToList();
    }

    /// <summary>
    /// Committed windows of a key, readable from any thread (interactive queries): bypasses the cache, which only
    /// the owning stream thread may touch.
    /// </summary>
    public IReadOnlyList<KeyValuePair<long, TValue>> FetchCommitted(TKey key, long fromStartMs, long toStartMs)
    {
        var streamTime = Task.StreamTime;
        if (streamTime < 0)
        {
            return [];
        }

        // Nothing exists before the retention or after stream time: keep caller-supplied bounds (e.g. from=0) cheap.
        var from = Math.Max(fromStartMs, MinLiveWindowStart);
        var to = Math.Min(toStartMs, streamTime);
        return from > to
            ? []
            : _backend.Fetch(_keySerde.Serialize(key), from, to)
                .Select(entry => new KeyValuePair<long, TValue>(entry.Key, _valueSerde.Deserialize(entry.Value)))
                .ToList();
    }

    public void Put(TKey key, long windowStartMs, TValue value, long timestamp) => Write(new WindowKey(key, windowStartMs), value, true, timestamp);

    public void Delete(TKey key, long windowStartMs) => Write(new WindowKey(key, windowStartMs), default!, false, Task.StreamTime);

    public override void Flush(long wallClockMs)
    {
        foreach (var windowKey in _dirty)
        {
            var entry = _cache[windowKey];
            entry.Dirty = false;
            var changelogKey = WindowKeyCodec.Encode(_keySerde.Serialize(windowKey.Key), windowKey.Start);
            var valueBytes = entry.Present ? _valueSerde.Serialize(entry.Value) : null;
            Changelog?.Write(changelogKey, valueBytes, wallClockMs);
            _backend.Stage(changelogKey.AsSpan(0, changelogKey.Length - 8), windowKey.Start, valueBytes);
            if (CachingEnabled)
            {
                FlushListener?.Invoke(
                    new Windowed<TKey>(windowKey.Key, new TimeWindow(windowKey.Start, windowKey.Start + WindowSizeMs)),
                    entry.Value, entry.Present, entry.Timestamp);
            }
        }

        _dirty.Clear();
        var minLive = MinLiveWindowStart;
        if (minLive != long.MinValue)
        {
            _backend.StageExpiry(minLive);
        }

        EvictCleanEntries(minLive);
    }

    public override void DiscardUncommitted()
    {
        _cache.Clear();
        _dirty.Clear();
    }

    public override void Restore(byte[] changelogKey, byte[]? value)
    {
        // Restores run through millions of records: stage straight from the changelog key, without a key copy.
        var (key, start) = WindowKeyCodec.Split(changelogKey);
        _backend.Stage(key.Span, start, value);
    }

    public override byte[]? ReadCommitted(byte[] changelogKey)
    {
        var (key, start) = WindowKeyCodec.Decode(changelogKey);
        return _backend.TryGet(key, start, static span => span.ToArray(), out var value) ? value : null;
    }

    private void Write(WindowKey windowKey, TValue value, bool present, long timestamp)
    {
        if (!_cache.TryGetValue(windowKey, out var entry))
        {
            entry = new Entry();
            _cache[windowKey] = entry;
        }

        entry.Value = value;
        entry.Present = present;
        entry.Timestamp = Math.Max(entry.Timestamp, timestamp);
        if (!entry.Dirty)
        {
            entry.Dirty = true;
            _dirty.Add(windowKey);
            RequestCommitIfFull();
        }
    }

    private Entry Lookup(WindowKey windowKey)
    {
        if (_cache.TryGetValue(windowKey, out var entry))
        {
            return entry;
        }

        entry = new Entry();
        entry.Present = _backend.TryGet(SerdeSpans.Serialize(_keySerde, windowKey.Key, stackalloc byte[256]), windowKey.Start, _decode, out entry.Value);
        _cache[windowKey] = entry;
        return entry;
    }

    private void EvictCleanEntries(long minLive)
    {
        var overCapacity = _cache.Count - (CacheMaxEntries * 3 / 4);
        var mustTrim = _cache.Count > CacheMaxEntries;
        foreach (var (windowKey, entry) in _cache)
        {
            if (entry.Dirty)
            {
                continue;
            }

            if (windowKey.Start < minLive)
            {
                _cache.Remove(windowKey);
                overCapacity--;
            }
            else if (mustTrim && overCapacity > 0)
            {
                _cache.Remove(windowKey);
                overCapacity--;
            }
        }
    }

    private readonly record struct WindowKey(TKey Key, long Start);

    private sealed class Entry
    {
        public TValue Value = default!;
        public bool Present;
        public bool Dirty;
        public long Timestamp = long.MinValue;
    }
}
