using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Metrics;

/// <summary>
/// Listens to the instruments of the configured meters and keeps, per metric family and tag combination, what a
/// Prometheus scrape needs: sums for counters, last values for gauges, buckets for histograms. Recording is
/// lock-free and allocation-free for tag combinations already seen; observable instruments are read in
/// <see cref="Collect"/>.
/// </summary>
internal sealed class PrometheusMetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly MeterNameFilter _filter;
    private readonly double[] _defaultBounds;
    private readonly int _maxSeries;
    private readonly ILogger _logger;
    private readonly Dictionary<string, MetricStream> _streams = new(StringComparer.Ordinal);

    // Two locks on purpose: observable callbacks run under _scrapeGate and may create instruments, whose
    // publication needs _streamsGate; one lock for both would deadlock such a callback.
    private readonly Lock _streamsGate = new();
    private readonly Lock _scrapeGate = new();
    private long _generation;
    private int _started;

    public PrometheusMetricsCollector(IOptions<PrometheusMetricsOptions> options, ILogger<PrometheusMetricsCollector> logger)
    {
        var value = options.Value;
        _filter = new MeterNameFilter(value.MeterNames);
        _defaultBounds = [.. value.HistogramBucketBoundaries];
        _maxSeries = value.MaxSeriesPerMetric;
        _logger = logger;

        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = OnMeasurementsCompleted;
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentBinding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentBinding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentBinding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentBinding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentBinding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentBinding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentBinding)state!).Record((double)value, tags));
    }

    /// <summary>Starts listening: existing instruments of matching meters are picked up now, later ones when created.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _listener.Start();
        }
    }

    /// <summary>Reads the observable instruments and returns every family that has at least one series.</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        lock (_scrapeGate)
        {
            MetricStream[] streams;
            lock (_streamsGate)
            {
                streams = [.. _streams.Values];
            }

            var generation = ++_generation;
            foreach (var stream in streams.Where(stream => stream.Shape.IsObservable))
            {
                stream.BeginObservation(generation);
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (Exception exception)
            {
                // One broken callback must not fail the whole scrape (the runtime still observes the others).
                Log.ObservableCallbackFailed(_logger, exception);
            }

            return streams
                .Select(stream => stream.Snapshot())
                .Where(family => family.Points.Count > 0)
                .OrderBy(family => family.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_filter.Matches(instrument.Meter.Name))
        {
            return;
        }

        if (InstrumentShape.Of(instrument) is not { } shape)
        {
            Log.UnsupportedInstrument(_logger, instrument.Name, instrument.Meter.Name, instrument.GetType().Name);
            return;
        }

        var name = PrometheusNames.FamilyName(instrument.Name, instrument.Unit, shape.Type);
        InstrumentBinding binding;
        lock (_streamsGate)
        {
            if (!_streams.TryGetValue(name, out var stream))
            {
                var bounds = shape.Aggregation == Aggregation.Histogram ? HistogramBoundaries.For(instrument, _defaultBounds) : [];
                stream = new MetricStream(name, instrument.Description, shape, bounds, _maxSeries, _logger);
                _streams.Add(name, stream);
            }
            else if (stream.Shape != shape)
            {
                // Two families with one name is invalid exposition; the first one published keeps the name.
                Log.InstrumentConflict(_logger, instrument.Name, instrument.Meter.Name, name, stream.Shape.Type);
                return;
            }

            binding = new InstrumentBinding(stream, instrument.Tags);
            stream.Attach(binding);
        }

        listener.EnableMeasurementEvents(instrument, binding);
    }

    // Called when an instrument's meter is disposed (or the listener is): the family goes with its last instrument,
    // so meters created and disposed repeatedly do not accumulate.
    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        if (state is not InstrumentBinding binding)
        {
            return;
        }

        lock (_streamsGate)
        {
            var stream = binding.Stream;
            if (stream.Detach(binding) == 0 && _streams.TryGetValue(stream.Name, out var current) && ReferenceEquals(current, stream))
            {
                _streams.Remove(stream.Name);
            }
        }
    }
}
