using System.Diagnostics.Metrics;
using Aggregator.Hosting.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Hosting.Metrics;

/// <summary>
/// A started collector listening to one meter with a unique name, so tests running in parallel (each with their
/// own listener) never see each other's measurements.
/// </summary>
internal sealed class CollectorHarness : IDisposable
{
    public CollectorHarness(Action<PrometheusMetricsOptions>? configure = null, ILogger<PrometheusMetricsCollector>? logger = null, bool start = true)
    {
        MeterName = "Test." + Guid.NewGuid().ToString("N");
        Meter = new Meter(MeterName);
        var options = new PrometheusMetricsOptions { MeterNames = [MeterName] };
        configure?.Invoke(options);
        Collector = new PrometheusMetricsCollector(Options.Create(options), logger ?? NullLogger<PrometheusMetricsCollector>.Instance);
        if (start)
        {
            Collector.Start();
        }
    }

    public string MeterName { get; }

    public Meter Meter { get; }

    public PrometheusMetricsCollector Collector { get; }

    public string ScrapeText() => PrometheusTextWriter.WriteToString(Collector.Collect());

    /// <summary>Scrapes and parses strictly: every scrape in these tests is also a format check.</summary>
    public Exposition Scrape() => Exposition.Parse(ScrapeText());

    public void Dispose()
    {
        Collector.Dispose();
        Meter.Dispose();
    }
}
