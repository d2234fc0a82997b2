using Aggregator.Hosting.Options;
using Aggregator.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting;

/// <summary>
/// Logs one status line every <see cref="StatusOptions.Interval"/>: what an operator tails to see the pipeline is
/// alive (records/s), keeping up (lag, and on which partition) and healthy (late drops, DLQ, restoring tasks).
/// </summary>
internal sealed class StatusReporter(
    StreamsInstance instance,
    ActivityMetrics metrics,
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
            var status = instance.Status;
            var processed = status.Tasks.Sum(t => t.Processed);
            var now = time.GetTimestamp();
            var rate = (processed - lastProcessed) / Math.Max(time.GetElapsedTime(lastTime, now).TotalSeconds, 1e-3);
            lastProcessed = processed;
            lastTime = now;
            var worst = status.Lag.OrderByDescending(l => l.Lag).FirstOrDefault();
            Log.Status(
                logger, status.State.ToString(), status.Tasks.Count, status.RestoringTasks, processed, Math.Max(rate, 0),
                metrics.Refined, metrics.DeadLettered, status.Tasks.Sum(t => t.LateRecordsDropped), metrics.OptedOut, metrics.Duplicates,
                worst?.Lag ?? 0, worst is { Lag: > 0 } ? $" ({worst.Topic}-{worst.Partition})" : string.Empty);
        }
    }
}
