using System.Text;
using Aggregator.Slack;

namespace Aggregator.Topology.Reporting.Merging;

/// <summary>
/// The durable Slack outbox: every decided message is stored before it is offered for delivery, and the ids of
/// delivered ones are remembered, so a restart or failover neither loses a message nor pages twice for the same
/// decision (re-made after a replay, it has the same id). Delivery itself happens off the stream thread
/// (<see cref="IOutbox"/>); this side only hands messages over and records what came back.
/// </summary>
internal sealed class MergerOutbox(IOutbox delivery, IReportingStore store, ReportingMetrics metrics, Action requestCommit)
{
    /// <summary>Long enough to absorb any replay or failover; not forever, so the store does not grow without bound.</summary>
    public static readonly TimeSpan RememberDelivered = TimeSpan.FromDays(7);

    private static readonly long PurgeEveryMs = (long)TimeSpan.FromHours(1).TotalMilliseconds;
    private readonly Dictionary<string, SlackMessage> _pending = new(StringComparer.Ordinal);
    private long _lastPurgeMs;

    public int Pending => _pending.Count;

    public void Restore(SlackMessage message) => _pending[message.Id] = message;

    /// <summary>Stores <paramref name="message"/> for delivery unless a message with its id was delivered already.</summary>
    public void Enqueue(SlackMessage message)
    {
        if (store.TryGet(MergerKey.Delivered(message.Id).Encode(), out _))
        {
            return; // delivered before a restart: the same decision, re-made, must not page again
        }

        store.Put(MergerKey.Outbox(message.Id).Encode(), Encoding.UTF8.GetBytes(SlackMessageJson.ToJson(message)));
        _pending[message.Id] = message;
        requestCommit(); // a decision is durable only once committed: do not leave it to the next commit interval
    }

    /// <summary>Records what was delivered since the last call, offers what is still pending; hourly, forgets old ids.</summary>
    public void Deliver(long wallNow)
    {
        foreach (var id in delivery.TakeCompleted())
        {
            if (_pending.Remove(id))
            {
                store.Delete(MergerKey.Outbox(id).Encode());
                store.Put(MergerKey.Delivered(id).Encode(), StoreValues.Long(wallNow));
                requestCommit();
            }
        }

        metrics.OutboxPending(_pending.Count);
        if (_pending.Count > 0)
        {
            delivery.Offer([.. _pending.Values]);
        }

        if (wallNow - _lastPurgeMs >= PurgeEveryMs)
        {
            _lastPurgeMs = wallNow;
            PurgeDelivered(wallNow - (long)RememberDelivered.TotalMilliseconds);
        }
    }

    /// <summary>Forgets the ids delivered before <paramref name="before"/> (wall clock, epoch ms).</summary>
    public void PurgeDelivered(long before)
    {
        var expired = new List<string>();
        foreach (var (key, value) in store.All())
        {
            if (MergerKey.TryDecode(key, out var decoded) && decoded.Kind == MergerKeyKind.Delivered && StoreValues.ReadLong(value) < before)
            {
                expired.Add(key);
            }
        }

        foreach (var key in expired)
        {
            store.Delete(key);
        }
    }

    /// <summary>The owning task closed: what is queued but not sending is the next owner's to send.</summary>
    public void Release() => delivery.Release();
}
