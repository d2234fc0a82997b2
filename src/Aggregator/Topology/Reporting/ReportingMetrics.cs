using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Aggregator.Alarms;

namespace Aggregator.Topology.Reporting;

/// <summary>Reports, alarms and Slack deliveries on the "Aggregator" meter (names in docs/metrics.md).</summary>
internal sealed class ReportingMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _reportsSent;
    private readonly Counter<long> _deliveries;
    private readonly ConcurrentDictionary<string, (AlarmSeverity Severity, bool Firing)> _alarms = new(StringComparer.Ordinal);
    private long _pending;

    public ReportingMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(ActivityMetrics.MeterName) ?? new Meter(ActivityMetrics.MeterName);
        _reportsSent = _meter.CreateCounter<long>("aggregator.reports.sent", description: "Summaries decided (queued for Slack).");
        _deliveries = _meter.CreateCounter<long>("aggregator.slack.deliveries", description: "Slack delivery attempts by message kind and outcome (delivered, retry, failed).");
        _meter.CreateObservableGauge("aggregator.slack.outbox.pending", () => Interlocked.Read(ref _pending), description: "Decided Slack messages not yet delivered.");
        _meter.CreateObservableGauge("aggregator.alarms.firing", () => _alarms.Select(a => new Measurement<int>(a.Value.Firing ? 1 : 0,
            new KeyValuePair<string, object?>("rule", a.Key), new KeyValuePair<string, object?>("severity", a.Value.Severity.ToString().ToLowerInvariant()))),
            description: "1 while an alarm rule is firing.");
    }

    public void ReportSent() => _reportsSent.Add(1);

    public void Delivery(string kind, string outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));

    public void OutboxPending(long count) => Interlocked.Exchange(ref _pending, count);

    public void Alarm(string rule, AlarmSeverity severity, bool firing) => _alarms[rule] = (severity, firing);

    public void Dispose() => _meter.Dispose();
}
