using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Aggregator.Hosting.Metrics;

/// <summary>
/// <c>process_start_time_seconds</c>, which Prometheus client libraries export by convention and alerting rules on
/// restart loops use (<c>changes(process_start_time_seconds[15m])</c>). Kept by hand: neither OpenTelemetry nor the
/// runtime's own <c>System.Runtime</c> meter has it.
/// </summary>
internal sealed class ProcessMetrics
{
    public const string MeterName = "Aggregator.Process";

    public ProcessMetrics(IMeterFactory meterFactory)
    {
        using var process = Process.GetCurrentProcess();
        var startedAt = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;

        // Unit "s": the exporter appends the _seconds of the Prometheus name.
        meterFactory.Create(MeterName).CreateObservableGauge(
            "process.start_time", () => startedAt, unit: "s", description: "Start time of the process since the Unix epoch in seconds.");
    }
}
