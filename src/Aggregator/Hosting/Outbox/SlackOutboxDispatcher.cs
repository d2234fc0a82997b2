using System.Collections.Concurrent;
using Aggregator.Slack;
using Aggregator.Topology.Reporting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aggregator.Hosting.Outbox;

/// <summary>
/// Delivers the report merger's outbox to Slack, off the stream thread, with one <see cref="SlackOutboxLane"/> per
/// webhook (summaries, alarms): each lane delivers its messages in the order decided and retries with its own
/// backoff (honouring Retry-After) for as long as its webhook fails — so a summary webhook that is down does not
/// hold back an alarm page. Completion is reported back so the merger removes a message from its outbox and
/// remembers it was delivered. Delivery is at least once: a message delivered just before a crash, but not yet
/// recorded, is sent again by the next owner.
/// </summary>
internal sealed class SlackOutboxDispatcher : BackgroundService, IOutbox
{
    private readonly Dictionary<SlackMessageKind, SlackOutboxLane> _lanes;

    // Ids queued, in flight, or delivered but not yet taken by the merger: offering one of them again is a no-op,
    // so a message the merger re-offers on the tick it completed on is not posted twice.
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _completed = new();
    private readonly TimeProvider _time;
    private volatile bool _stopping;

    public SlackOutboxDispatcher(ISlackSender sender, ReportingMetrics metrics, TimeProvider time, ILogger<SlackOutboxDispatcher> logger)
    {
        _time = time;
        _lanes = Enum.GetValues<SlackMessageKind>().ToDictionary(
            kind => kind,
            kind => new SlackOutboxLane(kind, sender, metrics, time, logger, Complete, Forget));
    }

    /// <summary>The first retry's wait; each further one doubles it, up to <see cref="MaxRetry"/>.</summary>
    public TimeSpan FirstRetry
    {
        get => _lanes.Values.First().FirstRetry;
        init
        {
            foreach (var lane in _lanes.Values)
            {
                lane.FirstRetry = value;
            }
        }
    }

    public TimeSpan MaxRetry
    {
        get => _lanes.Values.First().MaxRetry;
        init
        {
            foreach (var lane in _lanes.Values)
            {
                lane.MaxRetry = value;
            }
        }
    }

    public void Offer(IReadOnlyList<SlackMessage> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (_stopping)
        {
            return; // the worker is stopping: the next owner delivers what is still pending
        }

        foreach (var lane in _lanes.Values)
        {
            lane.Resume();
        }

        foreach (var message in pending)
        {
            if (_known.TryAdd(message.Id, 0))
            {
                _lanes[message.Kind].Enqueue(message);
            }
        }
    }

    public IReadOnlyList<string> TakeCompleted()
    {
        var ids = new List<string>();
        while (_completed.TryDequeue(out var id))
        {
            ids.Add(id);
            _known.TryRemove(id, out _);
        }

        return ids;
    }

    public void Release()
    {
        foreach (var lane in _lanes.Values)
        {
            lane.Release();
        }
    }

    /// <summary>
    /// Before the worker closes the merger's task: stop taking new messages, let a post already under way finish, and
    /// give the merger (which takes completions on its 1 s tick) time to record what was delivered. Otherwise a
    /// message Slack accepted in the last second is posted again by the next owner after a clean stop.
    /// </summary>
    public async Task QuiesceAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _stopping = true;
        Release();
        var started = _time.GetTimestamp();
        while ((_lanes.Values.Any(lane => lane.Sending) || !_completed.IsEmpty) && _time.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_lanes.Values.Select(lane => lane.RunAsync(stoppingToken)));

    private void Complete(string id) => _completed.Enqueue(id);

    private void Forget(string id) => _known.TryRemove(id, out _);
}
