using Aggregator.Slack;
using Aggregator.Topology.Reporting;
using Aggregator.Topology.Reporting.Merging;
using static Aggregator.Tests.Topology.Reporting.Merging.MergerHarness;

namespace Aggregator.Tests.Topology.Reporting.Merging;

public sealed class MergerOutboxTests
{
    private readonly InMemoryReportingStore _store = new();
    private readonly HoldingOutbox _delivery = new();
    private int _commits;

    [Fact]
    public void Enqueue_StoresTheMessage_AndRequestsACommit()
    {
        var outbox = Outbox();

        outbox.Enqueue(Message("summary:a"));

        Assert.Contains("o:summary:a", _store.Keys);
        Assert.Equal(1, _commits);
        Assert.Equal(1, outbox.Pending);
    }

    [Fact]
    public void Deliver_OffersPending_ThenRemembersWhatCameBack()
    {
        var outbox = Outbox();
        outbox.Enqueue(Message("summary:a"));

        outbox.Deliver(T10);
        Assert.Equal(["summary:a"], _delivery.Offered);

        _delivery.Complete("summary:a");
        outbox.Deliver(T10 + 1_000);

        Assert.DoesNotContain("o:summary:a", _store.Keys);
        Assert.Contains("d:summary:a", _store.Keys);
        Assert.Equal(0, outbox.Pending);
    }

    // The same decision re-made after a replay or failover has the same id: it must not page twice.
    [Fact]
    public void Enqueue_IgnoresAMessageDeliveredBefore()
    {
        var outbox = Outbox();
        outbox.Enqueue(Message("alarm:x:1:fire"));
        outbox.Deliver(T10);
        _delivery.Complete("alarm:x:1:fire");
        outbox.Deliver(T10);

        var afterRestart = Outbox();
        afterRestart.Enqueue(Message("alarm:x:1:fire"));

        Assert.Equal(0, afterRestart.Pending);
        Assert.DoesNotContain("o:alarm:x:1:fire", _store.Keys);
    }

    [Fact]
    public void PurgeDelivered_ForgetsIdsOlderThanTheCutOff_Only()
    {
        _store.Put(MergerKey.Delivered("old").Encode(), StoreValues.Long(T10 - (8 * 24 * Hour)));
        _store.Put(MergerKey.Delivered("recent").Encode(), StoreValues.Long(T10 - Hour));
        _store.Put(MergerKey.Outbox("pending").Encode(), [1]);

        Outbox().PurgeDelivered(T10 - (long)MergerOutbox.RememberDelivered.TotalMilliseconds);

        Assert.Equal(["d:recent", "o:pending"], _store.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Deliver_PurgesHourly_IdsDeliveredMoreThanSevenDaysAgo()
    {
        var outbox = Outbox();
        _store.Put(MergerKey.Delivered("old").Encode(), StoreValues.Long(T10 - (7 * 24 * Hour) - 1));

        outbox.Deliver(T10);

        Assert.Empty(_store.Keys);
    }

    private MergerOutbox Outbox() => new(_delivery, _store, new ReportingMetrics(), () => _commits++);

    private static SlackMessage Message(string id) => new SlackMessageBuilder(id, SlackMessageKind.Summary).Text(id).Build();

    /// <summary>Delivers only what a test says was delivered.</summary>
    private sealed class HoldingOutbox : IOutbox
    {
        private readonly List<string> _completed = [];

        public List<string> Offered { get; } = [];

        public void Complete(string id) => _completed.Add(id);

        public void Offer(IReadOnlyList<SlackMessage> pending) => Offered.AddRange(pending.Select(m => m.Id).Except(Offered));

        public IReadOnlyList<string> TakeCompleted()
        {
            var ids = _completed.ToList();
            _completed.Clear();
            return ids;
        }

        public void Release()
        {
        }
    }
}
