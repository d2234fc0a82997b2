using Aggregator.Hosting.Health;
using Aggregator.Hosting.Options;
using Aggregator.Hosting.Streams;
using Aggregator.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Status;

/// <summary>
/// Logs one status line every <see cref="StatusOptions.Interval"/>: what an operator tails to see the pipeline is
/// alive (records/s), keeping up (lag, and on which partition) and healthy (late drops, DLQ, restoring tasks).
/// </summary>
internal sealed class StatusReporter(
    StreamsInstance instance,
    ActivityMetrics metrics,
    StreamsMetrics streams,
    GroupLagMonitor lag,
    IOptions<StatusOptions> options,
    TimeProvider time,
    ILogger<StatusReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        long lastProcessed = 0;
        var lastTime = time.GetTimestamp();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var processed = streams.Processed;
            var now = time.GetTimestamp();
            var rate = (processed - lastProcessed) / Math.Max(time.GetElapsedTime(lastTime, now).TotalSeconds, 1e-3);
            lastProcessed = processed;
            lastTime = now;
            var restoring = instance.RestoringPartitions.Count;
            var worst = lag.WorstLag;
            Log.Status(
                logger, instance.State.ToString(), instance.TasksRunning, restoring, processed, Math.Max(rate, 0),
                metrics.Refined, metrics.DeadLettered, streams.LateDropped, metrics.OptedOut, metrics.Duplicates,
                worst?.Lag ?? 0, worst is { } w ? $" ({w.Partition})" : string.Empty);
        }
    }
}
