using System.Threading.Channels;
using Aggregator.Slack;
using Microsoft.Extensions.Logging;

namespace Aggregator.Hosting.Outbox;

/// <summary>
/// The outbox's queue for one webhook: messages of one kind, delivered one at a time in the order decided, each
/// retried with exponential backoff (or Slack's Retry-After when longer) until Slack takes or permanently rejects it.
/// Independent of the other lanes: its backoff delays only its own messages.
/// </summary>
internal sealed class SlackOutboxLane(
    SlackMessageKind kind,
    ISlackSender sender,
    Topology.Reporting.ReportingMetrics metrics,
    TimeProvider time,
    ILogger logger,
    Action<string> completed,
    Action<string> dropped)
{
    private readonly Channel<SlackMessage> _queue = Channel.CreateUnbounded<SlackMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _kind = kind.ToString().ToLowerInvariant();
    private volatile bool _released;
    private volatile bool _sending;

    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A message is being posted right now (between taking it from the queue and its outcome).</summary>
    public bool Sending => _sending;

    public void Enqueue(SlackMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>The merger's task is (again) owned here: deliver what it offers.</summary>
    public void Resume() => _released = false;

    /// <summary>The owning task closed: drop what is queued and stop retrying (the next owner will send it).</summary>
    public void Release()
    {
        _released = true;
        while (_queue.Reader.TryRead(out var message))
        {
            dropped(message.Id);
        }
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            _sending = true;
            try
            {
                if (await DeliverAsync(message, stoppingToken))
                {
                    completed(message.Id);
                }
                else
                {
                    dropped(message.Id);
                }
            }
            finally
            {
                _sending = false;
            }
        }
    }

    /// <summary>True when Slack took the message or rejected it for good; false when released before that.</summary>
    private async Task<bool> DeliverAsync(SlackMessage message, CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        while (!_released)
        {
            var result = await sender.SendAsync(message, stoppingToken);
            switch (result.Status)
            {
                case SlackDeliveryStatus.Delivered:
                    metrics.Delivery(_kind, "delivered");
                    return true;
                case SlackDeliveryStatus.PermanentFailure:
                    // Retrying cannot help (bad payload, revoked webhook): record it loudly and move on.
                    metrics.Delivery(_kind, "failed");
                    Log.SlackRejected(logger, message.Id, result.Reason ?? "unknown");
                    return true;
                default:
                    metrics.Delivery(_kind, "retry");
                    var wait = result.RetryAfter is { } retryAfter && retryAfter > delay ? retryAfter : delay;
                    Log.SlackRetrying(logger, message.Id, result.Reason ?? "unknown", wait.TotalSeconds);
                    await Task.Delay(wait, time, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetry.Ticks));
                    break;
            }
        }

        return false;
    }
}
