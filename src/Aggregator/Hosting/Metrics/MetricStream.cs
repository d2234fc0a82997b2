using Microsoft.Extensions.Logging;

namespace Aggregator.Hosting.Metrics;

/// <summary>
/// The series of one metric family, shared by every instrument that maps to its name (the same instrument
/// created on two <see cref="System.Diagnostics.Metrics.Meter"/> objects adds up, as in OpenTelemetry).
/// </summary>
internal sealed class MetricStream
{
    /// <summary>The label OpenTelemetry uses for measurements beyond the cardinality limit.</summary>
    public static readonly LabelSet OverflowLabels = LabelSet.Create([new Label("otel_metric_overflow", "true")]);

    private readonly Dictionary<LabelSet, MetricSeries> _series = [];
    private readonly List<InstrumentBinding> _bindings = [];
    private readonly Lock _gate = new();
    private readonly double[] _bounds;
    private readonly int _maxSeries;
    private readonly ILogger _logger;
    private MetricSeries? _overflow;

    public MetricStream(string name, string? help, InstrumentShape shape, double[] bounds, int maxSeries, ILogger logger)
    {
        Name = name;
        Help = string.IsNullOrEmpty(help) ? null : help;
        Shape = shape;
        _bounds = bounds;
        _maxSeries = maxSeries;
        _logger = logger;
    }

    public string Name { get; }

    public string? Help { get; }

    public InstrumentShape Shape { get; }

    /// <summary>The maximum number of series, beyond which new tag combinations share one overflow series.</summary>
    public int MaxSeries => _maxSeries;

    /// <summary>The scrape in progress; observable measurements are stamped with it (see <see cref="MetricSeries.ObservedGeneration"/>).</summary>
    public long Generation { get; private set; }

    public void BeginObservation(long generation) => Generation = generation;

    public void Attach(InstrumentBinding binding)
    {
        lock (_gate)
        {
            _bindings.Add(binding);
        }
    }

    /// <summary>Detaches an instrument whose meter was disposed; returns how many are still attached.</summary>
    public int Detach(InstrumentBinding binding)
    {
        lock (_gate)
        {
            _bindings.Remove(binding);
            return _bindings.Count;
        }
    }

    /// <summary>The series for a tag combination seen for the first time (in this order) by an instrument.</summary>
    public MetricSeries GetOrAddSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags, IReadOnlyList<KeyValuePair<string, object?>> instrumentTags)
    {
        var labels = TagLabels.Create(tags, instrumentTags);
        lock (_gate)
        {
            if (_series.TryGetValue(labels, out var existing))
            {
                return existing;
            }

            // Unbounded tag values (an id by mistake) must not grow memory and the scrape without limit.
            if (_series.Count >= _maxSeries)
            {
                if (_overflow is null)
                {
                    _overflow = NewSeries(OverflowLabels);
                    Log.SeriesLimitReached(_logger, Name, _maxSeries);
                }

                return _overflow;
            }

            var series = NewSeries(labels);
            _series.Add(labels, series);
            return series;
        }
    }

    /// <summary>
    /// The current points. For observable instruments only the series reported in this scrape are kept: a tag
    /// combination the callback stopped reporting (a revoked partition) must disappear, not freeze at its last value.
    /// </summary>
    public MetricFamily Snapshot()
    {
        lock (_gate)
        {
            if (Shape.IsObservable)
            {
                RetireUnobserved();
            }

            var points = new List<MetricPoint>(_series.Count + 1);
            foreach (var series in _series.Values)
            {
                points.Add(series.Snapshot());
            }

            if (_overflow is not null)
            {
                points.Add(_overflow.Snapshot());
            }

            return new MetricFamily(Name, Shape.Type, Help, points);
        }
    }

    private void RetireUnobserved()
    {
        var retired = false;
        foreach (var series in _series.Values.Where(series => series.ObservedGeneration != Generation).ToList())
        {
            series.IsRetired = true;
            _series.Remove(series.Labels);
            retired = true;
        }

        if (_overflow is not null && _overflow.ObservedGeneration != Generation)
        {
            _overflow.IsRetired = true;
            _overflow = null;
            retired = true;
        }

        if (retired)
        {
            foreach (var binding in _bindings)
            {
                binding.ForgetRetired();
            }
        }
    }

    private MetricSeries NewSeries(LabelSet labels) => Shape.Aggregation switch
    {
        Aggregation.Sum => new SumSeries(labels, monotonic: Shape.Type == PrometheusMetricType.Counter),
        Aggregation.Histogram => new HistogramSeries(labels, _bounds),
        _ => new LastValueSeries(labels),
    };
}
