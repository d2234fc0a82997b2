using System.Collections.Concurrent;

namespace Aggregator.Hosting.Metrics;

/// <summary>
/// One listened-to instrument: the state object the <see cref="System.Diagnostics.Metrics.MeterListener"/> passes
/// back with every measurement. Caches tag combination → series so a combination already seen costs one
/// lock-free dictionary probe on the span and no allocation.
/// </summary>
internal sealed class InstrumentBinding
{
    private readonly ConcurrentDictionary<KeyValuePair<string, object?>[], MetricSeries> _byTags = new(TagSetComparer.Instance);
    private readonly ConcurrentDictionary<KeyValuePair<string, object?>[], MetricSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _bySpan;
    private readonly KeyValuePair<string, object?>[] _instrumentTags;
    private readonly int _maxCached;
    private int _cached;

    public InstrumentBinding(MetricStream stream, IEnumerable<KeyValuePair<string, object?>>? instrumentTags)
    {
        Stream = stream;
        _instrumentTags = instrumentTags?.ToArray() ?? [];
        _bySpan = _byTags.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();

        // Room for every series in a couple of tag orders; past the limit, combinations that land in the overflow
        // series are resolved (and allocate) each time rather than cached without bound.
        _maxCached = stream.MaxSeries * 2;
    }

    public MetricStream Stream { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_bySpan.TryGetValue(tags, out var series) || series.IsRetired)
        {
            series = Resolve(tags);
        }

        series.Record(value);
        if (Stream.Shape.IsObservable)
        {
            series.ObservedGeneration = Stream.Generation;
        }
    }

    /// <summary>Drops cached references to series the stream no longer exports.</summary>
    public void ForgetRetired()
    {
        foreach (var pair in _byTags)
        {
            if (pair.Value.IsRetired && _byTags.TryRemove(pair))
            {
                Interlocked.Decrement(ref _cached);
            }
        }
    }

    private MetricSeries Resolve(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = Stream.GetOrAddSeries(tags, _instrumentTags);
        if (_bySpan.TryGetValue(tags, out var cached))
        {
            // A retired entry is replaced in place; it is already counted.
            if (cached.IsRetired)
            {
                _bySpan[tags] = series;
            }
        }
        else if (Volatile.Read(ref _cached) < _maxCached && _bySpan.TryAdd(tags, series))
        {
            Interlocked.Increment(ref _cached);
        }

        return series;
    }
}
