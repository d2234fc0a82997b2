using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aggregator.Hosting.Health;

/// <summary>
/// Probes the cluster every <see cref="Period"/> from outside the stream threads. When every broker is gone,
/// librdkafka retries quietly and the streams instance stays Running on its old assignment while nothing moves;
/// readiness uses this to say "no broker reachable since …" instead, and the log records the outage and recovery.
/// Reachable until a probe fails: start-up has already waited for the brokers.
/// </summary>
internal sealed class BrokerConnectivity : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    // Shorter than the period, so a hanging request never delays the next tick.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(1500);

    private readonly IBrokerProbe _probe;
    private readonly TimeProvider _time;
    private readonly ILogger<BrokerConnectivity> _logger;
    private volatile BrokerReachability _current;

    public BrokerConnectivity(IBrokerProbe probe, TimeProvider time, ILogger<BrokerConnectivity> logger)
    {
        _probe = probe;
        _time = time;
        _logger = logger;
        _current = new BrokerReachability(true, time.GetUtcNow(), null);
    }

    public BrokerReachability Current => _current;

    /// <summary>One probe; updates <see cref="Current"/> and logs a change of verdict.</summary>
    public void ProbeOnce()
    {
        var answered = _probe.Probe(ProbeTimeout, out var failure);
        var previous = _current;
        var now = _time.GetUtcNow();
        if (answered)
        {
            if (!previous.Reachable)
            {
                Log.BrokersReachableAgain(_logger, (now - previous.Since).TotalSeconds);
            }

            _current = new BrokerReachability(true, now, null);
            return;
        }

        if (previous.Reachable)
        {
            Log.NoBrokerReachable(_logger, previous.Since, failure ?? "no answer");
        }

        _current = previous with { Reachable = false, Failure = failure };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // The probe blocks on librdkafka; keep it off the timer's thread.
            await Task.Run(ProbeOnce, stoppingToken);
        }
    }
}
