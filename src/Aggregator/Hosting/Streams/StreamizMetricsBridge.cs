using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Streamiz.Kafka.Net.Metrics;

namespace Aggregator.Hosting.Streams;

/// <summary>
/// Exports Streamiz's own sensors (stream-thread, task, processor-node and state-store metrics: process and commit
/// rates and latencies, restoration, dropped records…) as gauges named <c>streamiz.&lt;group&gt;.&lt;name&gt;</c> on the
/// "Aggregator.Streamiz" meter, with their tags. Streamiz hands its sensors to a reporter every metrics interval; its
/// own exporter packages (Streamiz.Kafka.Net.Metrics.*) are not served here, so this small bridge does their job.
/// </summary>
internal sealed class StreamizMetricsBridge : IDisposable
{
    public const string MeterName = "Aggregator.Streamiz";
    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Measurement<double>>> _latest = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public StreamizMetricsBridge(IMeterFactory? meterFactory = null) =>
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);

    /// <summary>Streamiz's MetricsReporter: keeps the latest value of every numeric metric.</summary>
    public void Report(IEnumerable<Sensor> sensors)
    {
        foreach (var sensor in sensors)
        {
            foreach (var (name, metric) in sensor.Metrics)
            {
                if (!TryNumber(metric.Value, out var value))
                {
                    continue;
                }

                var instrument = $"streamiz.{name.Group}.{name.Name}";
                var series = _latest.GetOrAdd(instrument, Create);
                var tags = name.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
                var key = string.Join(',', tags.Select(t => t.Key + "=" + t.Value));
                series[key] = new Measurement<double>(value, tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value)));
            }
        }
    }

    public void Dispose() => _meter.Dispose();

    private ConcurrentDictionary<string, Measurement<double>> Create(string instrument)
    {
        var series = new ConcurrentDictionary<string, Measurement<double>>(StringComparer.Ordinal);
        lock (_gate)
        {
            _meter.CreateObservableGauge(instrument, () => series.Values, description: "Streamiz sensor " + instrument);
        }

        return series;
    }

    private static bool TryNumber(object? value, out double number)
    {
        switch (value)
        {
            case double d when double.IsFinite(d):
                number = d;
                return true;
            case IConvertible convertible and not string and not bool:
                number = convertible.ToDouble(CultureInfo.InvariantCulture);
                return double.IsFinite(number);
            default:
                number = 0;
                return false;
        }
    }
}
