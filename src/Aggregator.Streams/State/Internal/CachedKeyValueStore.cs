using Aggregator.RocksDb;
using Aggregator.Streams.Serdes;

namespace Aggregator.Streams.State.Internal;

/// <summary>A typed key-value store: write cache over committed bytes in RocksDB or memory.</summary>
internal sealed class CachedKeyValueStore<TKey, TValue> : ManagedStore, IKeyValueStore<TKey, TValue>
    where TKey : notnull
{
    private readonly ISerde<TKey> _keySerde;
    private readonly ISerde<TValue> _valueSerde;
    private readonly RocksValueReader<TValue> _decode;
    private readonly Dictionary<TKey, Entry> _cache = [];
    private readonly List<TKey> _dirty = [];
    private IKeyValueBytes _backend = null!;

    public CachedKeyValueStore(string name, StoreType type, bool loggingEnabled, bool cachingEnabled, int cacheMaxEntries, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
        : base(name, type, loggingEnabled, cachingEnabled, cacheMaxEntries)
    {
        _keySerde = keySerde;
        _valueSerde = valueSerde;
        _decode = valueSerde.Deserialize;
    }

    /// <summary>Receives (key, value or default, present, timestamp) for each entry flushed at commit.</summary>
    public Action<TKey, TValue, bool, long>? FlushListener { get; set; }

    public override int DirtyCount => _dirty.Count;

    public override int CachedCount => _cache.Count;

    protected override void OpenBackend(ITaskStorage storage) => _backend = storage.OpenKeyValue(Name);

    public bool TryGet(TKey key, out TValue value)
    {
        var entry = Lookup(key);
        value = entry.Value;
        return entry.Present;
    }

    public void Put(TKey key, TValue value) => Write(key, value, present: true);

    public void Delete(TKey key) => Write(key, default!, present: false);

    public IEnumerable<KeyValuePair<TKey, TValue>> All()
    {
        var seen = new HashSet<TKey>();
        foreach (var (key, entry) in _cache)
        {
            seen.Add(key);
            if (entry.Present)
            {
                yield return new(key, entry.Value);
            }
        }

        foreach (var (keyBytes, valueBytes) in _backend.All())
        {
            var key = _keySerde.Deserialize(keyBytes);
            if (!seen.Contains(key))
            {
                yield return new(key, _valueSerde.Deserialize(valueBytes));
            }
        }
    }

    public override void Flush(long wallClockMs)
    {
        foreach (var key in _dirty)
        {
            var entry = _cache[key];
            entry.Dirty = false;
            var keyBytes = _keySerde.Serialize(key);
            var valueBytes = entry.Present ? _valueSerde.Serialize(entry.Value) : null;
            Changelog?.Write(keyBytes, valueBytes, wallClockMs);
            _backend.Stage(keyBytes, valueBytes);
            if (CachingEnabled)
            {
                FlushListener?.Invoke(key, entry.Value, entry.Present, entry.Timestamp);
            }
        }

        _dirty.Clear();
        EvictCleanIfOverCapacity();
    }

    public override void DiscardUncommitted()
    {
        _cache.Clear();
        _dirty.Clear();
    }

    public override void Restore(byte[] changelogKey, byte[]? value) => _backend.Stage(changelogKey, value);

    public override byte[]? ReadCommitted(byte[] changelogKey) =>
        _backend.TryGet(changelogKey, static span => span.ToArray(), out var value) ? value : null;

    private void Write(TKey key, TValue value, bool present)
    {
        if (!_cache.TryGetValue(key, out var entry))
        {
            entry = new Entry();
            _cache[key] = entry;
        }

        entry.Value = value;
        entry.Present = present;
        entry.Timestamp = Task.StreamTime;
        if (!entry.Dirty)
        {
            entry.Dirty = true;
            _dirty.Add(key);
            RequestCommitIfFull();
        }
    }

    private Entry Lookup(TKey key)
    {
        if (_cache.TryGetValue(key, out var entry))
        {
            return entry;
        }

        entry = new Entry();
        entry.Present = _backend.TryGet(SerdeSpans.Serialize(_keySerde, key, stackalloc byte[256]), _decode, out entry.Value);
        _cache[key] = entry;
        return entry;
    }

    private void EvictCleanIfOverCapacity()
    {
        if (_cache.Count <= CacheMaxEntries)
        {
            return;
        }

        // Drop clean entries down to three quarters of the capacity: they can be read back from storage.
        var excess = _cache.Count - (CacheMaxEntries * 3 / 4);
        foreach (var (key, entry) in _cache)
        {
            if (excess <= 0)
            {
                break;
            }

            if (!entry.Dirty)
            {
                _cache.Remove(key);
                excess--;
            }
        }
    }

    private sealed class Entry
    {
        public TValue Value = default!;
        public bool Present;
        public bool Dirty;
        public long Timestamp;
    }
}
