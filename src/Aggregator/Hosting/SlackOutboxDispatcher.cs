using System.Collections.Concurrent;
using System.Threading.Channels;
using Aggregator.Slack;
using Aggregator.Topology.Reporting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aggregator.Hosting;

/// <summary>
/// Delivers the report merger's outbox to Slack, off the stream thread: messages in the order decided, retried with
/// backoff (honouring Retry-After) for as long as Slack is down; completion is reported back so the merger removes a
/// message from its outbox and remembers it was delivered. Delivery is at least once: a message delivered just before
/// a crash, but not yet recorded, is sent again by the next owner.
/// </summary>
internal sealed class SlackOutboxDispatcher(ISlackSender sender, ReportingMetrics metrics, TimeProvider time, ILogger<SlackOutboxDispatcher> logger)
    : BackgroundService, IOutbox
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);
    private readonly Channel<SlackMessage> _queue = Channel.CreateUnbounded<SlackMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _completed = new();
    private volatile bool _released;

    public void Offer(IReadOnlyList<SlackMessage> pending)
    {
        _released = false;
        foreach (var message in pending)
        {
            if (_known.TryAdd(message.Id, 0))
            {
                _queue.Writer.TryWrite(message);
            }
        }
    }

    public IReadOnlyList<string> TakeCompleted()
    {
        var ids = new List<string>();
        while (_completed.TryDequeue(out var id))
        {
            ids.Add(id);
        }

        return ids;
    }

    public void Release()
    {
        _released = true;
        while (_queue.Reader.TryRead(out var message))
        {
            _known.TryRemove(message.Id, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await DeliverAsync(message, stoppingToken);
            _known.TryRemove(message.Id, out _);
        }
    }

    private async Task DeliverAsync(SlackMessage message, CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        var kind = message.Kind.ToString().ToLowerInvariant();
        while (!_released)
        {
            var result = await sender.SendAsync(message, stoppingToken);
            switch (result.Status)
            {
                case SlackDeliveryStatus.Delivered:
                    metrics.Delivery(kind, "delivered");
                    _completed.Enqueue(message.Id);
                    return;
                case SlackDeliveryStatus.PermanentFailure:
                    // Retrying cannot help (bad payload, revoked webhook): record it loudly and move on.
                    metrics.Delivery(kind, "failed");
                    Log.SlackRejected(logger, message.Id, result.Reason ?? "unknown");
                    _completed.Enqueue(message.Id);
                    return;
                default:
                    metrics.Delivery(kind, "retry");
                    var wait = result.RetryAfter is { } retryAfter && retryAfter > delay ? retryAfter : delay;
                    Log.SlackRetrying(logger, message.Id, result.Reason ?? "unknown", wait.TotalSeconds);
                    await Task.Delay(wait, time, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetry.Ticks));
                    break;
            }
        }
    }
}
