using System.Collections.Concurrent;
using Aggregator.Hosting.Outbox;
using Aggregator.Slack;
using Aggregator.Topology.Reporting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aggregator.Tests.Hosting.Outbox;

/// <summary>The outbox's delivery lanes, against a scripted sender on the real clock (short backoff).</summary>
public sealed class SlackOutboxDispatcherTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ScriptedSender _sender = new();
    private readonly ReportingMetrics _metrics = new();
    private readonly SlackOutboxDispatcher _outbox;
    private readonly List<string> _completed = [];

    public SlackOutboxDispatcherTests()
    {
        _outbox = new SlackOutboxDispatcher(_sender, _metrics, TimeProvider.System, NullLogger<SlackOutboxDispatcher>.Instance)
        {
            FirstRetry = TimeSpan.FromMilliseconds(50),
            MaxRetry = TimeSpan.FromMilliseconds(200),
        };
        _outbox.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _outbox.StopAsync(CancellationToken.None);
        _outbox.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public async Task FailingSummaryWebhook_DoesNotHoldBackAlarms()
    {
        _sender.FailKind = SlackMessageKind.Summary;
        _outbox.Offer([Message("summary-1", SlackMessageKind.Summary), Message("alarm-1", SlackMessageKind.Alarm), Message("alarm-2", SlackMessageKind.Alarm)]);

        await WaitForCompletedAsync("alarm-1", "alarm-2");
        Assert.DoesNotContain("summary-1", _completed);
        Assert.True(_sender.Attempts("summary-1") >= 1);

        _sender.FailKind = null; // the summary webhook recovers: its message goes out, once
        await WaitForCompletedAsync("alarm-1", "alarm-2", "summary-1");
        Assert.Equal(["alarm-1", "alarm-2", "summary-1"], _sender.Delivered);
    }

    [Fact]
    public async Task ReOffering_QueuedOrDeliveredButNotYetTaken_DoesNotPostAgain()
    {
        _outbox.Offer([Message("alarm-1", SlackMessageKind.Alarm)]);
        await Eventually(() => _sender.Delivered.Count == 1);

        // The merger's tick can re-offer its whole outbox before it has taken the completion.
        _outbox.Offer([Message("alarm-1", SlackMessageKind.Alarm)]);
        await WaitForCompletedAsync("alarm-1");
        _outbox.Offer([Message("alarm-2", SlackMessageKind.Alarm)]);
        await WaitForCompletedAsync("alarm-1", "alarm-2");

        Assert.Equal(["alarm-1", "alarm-2"], _sender.Delivered);
    }

    [Fact]
    public async Task Lane_DeliversInTheOrderDecided_AfterRetries()
    {
        _sender.FailFirst("summary-1", times: 3);
        _outbox.Offer([Message("summary-1", SlackMessageKind.Summary), Message("summary-2", SlackMessageKind.Summary)]);

        await WaitForCompletedAsync("summary-1", "summary-2");

        Assert.Equal(["summary-1", "summary-2"], _sender.Delivered);
        Assert.Equal(4, _sender.Attempts("summary-1"));
    }

    // A clean stop must not leave a message Slack accepted unrecorded: the next owner would post it again.
    [Fact]
    public async Task Quiesce_WaitsForThePostUnderWay_AndForTheMergerToTakeItsCompletion_ThenOffersNothingMore()
    {
        _sender.Hold = new TaskCompletionSource();
        _outbox.Offer([Message("summary-1", SlackMessageKind.Summary)]);
        await Eventually(() => _sender.Attempts("summary-1") == 1);

        var quiesce = _outbox.QuiesceAsync(Patience, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(quiesce.IsCompleted); // the post is still under way
        _sender.Hold.SetResult();
        await Task.Delay(200);
        Assert.False(quiesce.IsCompleted); // delivered, but the merger has not taken the completion yet

        Assert.Equal(["summary-1"], _outbox.TakeCompleted());
        await quiesce.WaitAsync(Patience);
        _outbox.Offer([Message("summary-2", SlackMessageKind.Summary)]);
        await Task.Delay(200);
        Assert.Equal(["summary-1"], _sender.Delivered);
    }

    private static SlackMessage Message(string id, SlackMessageKind kind) => new(id, kind, $"message {id}");

    private async Task WaitForCompletedAsync(params string[] ids)
    {
        await Eventually(() =>
        {
            _completed.AddRange(_outbox.TakeCompleted());
            return ids.All(_completed.Contains);
        });
        Assert.Equal(_completed.Distinct().Count(), _completed.Count);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(20);
        }
    }

    private sealed class ScriptedSender : ISlackSender
    {
        private readonly ConcurrentDictionary<string, int> _attempts = new();
        private readonly ConcurrentDictionary<string, int> _failFirst = new();
        private readonly ConcurrentQueue<string> _delivered = new();

        public SlackMessageKind? FailKind { get; set; }

        /// <summary>When set, posts wait for it (a slow Slack).</summary>
        public TaskCompletionSource? Hold { get; set; }

        public IReadOnlyList<string> Delivered => [.. _delivered];

        public int Attempts(string id) => _attempts.GetValueOrDefault(id);

        public void FailFirst(string id, int times) => _failFirst[id] = times;

        public async Task<SlackDeliveryResult> SendAsync(SlackMessage message, CancellationToken cancellationToken)
        {
            var attempt = _attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
            if (Hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            if (message.Kind == FailKind || attempt <= _failFirst.GetValueOrDefault(message.Id))
            {
                return SlackDeliveryResult.TransientFailure("HTTP 500", 500);
            }

            _delivered.Enqueue(message.Id);
            return SlackDeliveryResult.Delivered;
        }
    }
}
