using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Slack.Delivery;

/// <summary>
/// Retries a webhook POST on 5xx, 408, 429, network errors and per-attempt timeouts, with exponential backoff
/// and full jitter (a random wait in [0, min(MaxRetryDelay, BaseRetryDelay·2ⁿ⁻¹)], so clients that failed
/// together do not retry together). On 429 and 503 Slack's <c>Retry-After</c> replaces the backoff.
/// Bounded by <see cref="SlackOptions.MaxAttempts"/> and <see cref="SlackOptions.MaxTotalTime"/>: after that the
/// last response (or error) goes back to the webhook client, which reports a transient failure. Durable,
/// unbounded retrying is the caller's outbox's job, not a request held open here.
/// A POST is retried although it is not idempotent: Slack has no idempotency key, and a duplicate post after a
/// lost response is preferable to a lost alarm.
/// </summary>
internal sealed class SlackRetryHandler(
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackRetryHandler> logger,
    Func<double>? jitter = null) : DelegatingHandler
{
    private readonly Func<double> _jitter = jitter ?? Random.Shared.NextDouble;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        using var budget = new CancellationTokenSource(settings.MaxTotalTime, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var (kind, id) = SlackRequestOptions.Describe(request);

        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            Exception? failure = null;
            try
            {
                response = await base.SendAsync(request, linked.Token);
                if (!SlackHttpStatus.IsTransient(response.StatusCode))
                {
                    return response;
                }
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && budget.IsCancellationRequested)
            {
                throw OutOfTime(settings, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                failure = ex;
            }

            var outcome = response is null ? failure!.GetType().Name : $"HTTP {(int)response.StatusCode}";
            var retryAfter = response is null ? null : RetryAfter.ForRetry(response, time);
            var delay = retryAfter ?? Backoff(attempt, settings);
            var elapsed = time.GetElapsedTime(started);

            var giveUp = attempt >= settings.MaxAttempts
                ? "attempts exhausted"
                : retryAfter > settings.MaxRetryDelay
                    ? "Retry-After exceeds MaxRetryDelay"
                    : elapsed + delay >= settings.MaxTotalTime ? "MaxTotalTime would be exceeded" : null;
            if (giveUp is not null)
            {
                Log.RetriesStopped(logger, kind, id, attempt, outcome, giveUp);
                if (response is not null)
                {
                    return response;
                }

                ExceptionDispatchInfo.Throw(failure!);
            }

            response?.Dispose();
            Log.Retrying(logger, kind, id, attempt, outcome, delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, time, linked.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw OutOfTime(settings, ex);
            }
        }
    }

    private TimeSpan Backoff(int attempt, SlackOptions settings)
    {
        var ceiling = settings.BaseRetryDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        if (ceiling > settings.MaxRetryDelay)
        {
            ceiling = settings.MaxRetryDelay;
        }

        return ceiling * _jitter();
    }

    private static TimeoutException OutOfTime(SlackOptions settings, Exception inner) => new(
        $"Gave up after {nameof(SlackOptions.MaxTotalTime)} ({settings.MaxTotalTime.TotalSeconds:0.###} s).", inner);
}
