using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Aggregator.Slack.Delivery;

/// <summary>
/// Spaces requests to each webhook at least 1/<see cref="SlackOptions.MaxMessagesPerSecond"/> apart. Slack limits
/// per webhook (about one message per second) and answers 429 beyond, so summaries and alarms on different
/// webhooks do not wait for each other, while two kinds configured with the same URL share one schedule.
/// Slots are handed out in arrival order by reserving the next free one; the wait runs on the
/// <see cref="TimeProvider"/>'s monotonic clock, so wall-clock changes cannot stall it.
/// Holds one entry per configured webhook (at most two), so it does not grow.
/// </summary>
internal sealed class SlackRateLimiter(IOptions<SlackOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Schedule> _schedules = new(StringComparer.Ordinal);

    private TimeSpan Interval => TimeSpan.FromSeconds(1 / options.Value.MaxMessagesPerSecond);

    public Task WaitAsync(Uri webhook, CancellationToken cancellationToken)
    {
        var wait = ScheduleOf(webhook).Reserve(time, Interval);
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, time, cancellationToken);
    }

    /// <summary>After a 429, nobody may post to this webhook before Slack's Retry-After has passed.</summary>
    public void Pause(Uri webhook, TimeSpan wait) => ScheduleOf(webhook).Pause(time, wait);

    private Schedule ScheduleOf(Uri webhook) => _schedules.GetOrAdd(webhook.AbsoluteUri, _ => new Schedule());

    private sealed class Schedule
    {
        private readonly Lock _lock = new();
        private long _next;

        public TimeSpan Reserve(TimeProvider time, TimeSpan interval)
        {
            lock (_lock)
            {
                var now = time.GetTimestamp();
                var slot = Math.Max(now, _next);
                _next = slot + ToTimestamp(time, interval);
                return time.GetElapsedTime(now, slot);
            }
        }

        public void Pause(TimeProvider time, TimeSpan wait)
        {
            lock (_lock)
            {
                _next = Math.Max(_next, time.GetTimestamp() + ToTimestamp(time, wait));
            }
        }

        private static long ToTimestamp(TimeProvider time, TimeSpan span) =>
            (long)Math.Ceiling(span.TotalSeconds * time.TimestampFrequency);
    }
}
