using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Aggregator.Slack.Delivery;

/// <summary>
/// The retry step of the webhook client's resilience pipeline: retries 5xx, 408, 429, network errors and
/// per-attempt timeouts (the library's transient predicate), waiting <see cref="SlackBackoff"/> or, on 429 and
/// 503, Slack's <c>Retry-After</c>. It stops after <see cref="SlackOptions.MaxAttempts"/>, on a Retry-After longer
/// than <see cref="SlackOptions.MaxRetryDelay"/>, or before a wait that would end past
/// <see cref="SlackOptions.MaxTotalTime"/>; the last response (or error) then goes back to the webhook client,
/// which reports a transient failure. Durable, unbounded retrying is the caller's outbox's job.
/// A POST is retried although it is not idempotent: Slack has no idempotency key, and a duplicate post after a
/// lost response is preferable to a lost alarm.
/// </summary>
internal sealed class SlackRetryStrategy(
    IOptions<SlackOptions> options,
    TimeProvider time,
    SlackBackoff backoff,
    ILogger<SlackRetryStrategy> logger)
{
    // ShouldHandle draws the wait (it needs it to check the time budget); the delay generator hands it to Polly.
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelay = new("Aggregator.Slack.NextDelay");

    public HttpRetryStrategyOptions Create() => new()
    {
        Name = "Retry",

        // Polly needs at least one retry; ShouldRetry stops at MaxAttempts itself, so MaxAttempts = 1 sends once.
        MaxRetryAttempts = Math.Max(1, options.Value.MaxAttempts - 1),
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber + 1, args.Context)),

        // The library's Retry-After support reads the header on any status and on the system clock; ours honours
        // it on 429 and 503 only, on the injected TimeProvider.
        ShouldRetryAfterHeader = false,
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(NextDelay, TimeSpan.Zero)),
        OnRetry = args =>
        {
            var (kind, id) = SlackRequestOptions.Describe(args.Context.GetRequestMessage());
            Log.Retrying(logger, kind, id, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay.TotalMilliseconds);
            return default;
        },
    };

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attempt, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested || !HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        var settings = options.Value;
        var request = context.GetRequestMessage();
        var retryAfter = outcome.Result is { } response ? RetryAfter.ForRetry(response, time) : null;
        var delay = retryAfter ?? backoff.Delay(attempt, settings.BaseRetryDelay, settings.MaxRetryDelay);
        var elapsed = request is not null && request.Options.TryGetValue(SlackRequestOptions.Started, out var started)
            ? time.GetElapsedTime(started)
            : TimeSpan.Zero;

        var giveUp = attempt >= settings.MaxAttempts
            ? "attempts exhausted"
            : retryAfter > settings.MaxRetryDelay
                ? "Retry-After exceeds MaxRetryDelay"
                : elapsed + delay >= settings.MaxTotalTime ? "MaxTotalTime would be exceeded" : null;
        if (giveUp is not null)
        {
            var (kind, id) = SlackRequestOptions.Describe(request);
            Log.RetriesStopped(logger, kind, id, attempt, Describe(outcome), giveUp);
            return false;
        }

        context.Properties.Set(NextDelay, delay);
        return true;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : outcome.Exception?.GetType().Name ?? "no outcome";
}
