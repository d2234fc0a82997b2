using Aggregator.Topology;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Privacy;

/// <summary>
/// Turns an opt-out into one erasure notice per identity. It runs in the erasure application's partitioned tasks
/// (<see cref="ErasureTopology"/>), so each opt-out record is handled by one instance, not by every instance's global
/// store. An identity already notified and still opted out is not notified again (a resent opt-out); opting back in
/// forgets it, so a later opt-out is a new request and is notified. The store holds only identities that are opted out,
/// which <c>privacy.optouts</c> holds anyway.
/// </summary>
internal sealed class ErasureNoticeProcessor(TimeSpan heldFor, TimeProvider time, ActivityMetrics metrics) : ITransformer<string, bool, string, byte[]>
{
    public const string StoreName = "erasure-notices";
    private IKeyValueStore<string, long> _notified = null!;

    public void Init(ProcessorContext<string, byte[]> context) =>
        _notified = (IKeyValueStore<string, long>)context.GetStateStore(StoreName);

    public Record<string, byte[]> Process(Record<string, bool> record)
    {
        if (string.IsNullOrEmpty(record.Key))
        {
            return null!;
        }

        if (!record.Value)
        {
            _notified.Delete(record.Key);
            return null!;
        }

        if (_notified.Get(record.Key) != 0)
        {
            return null!;
        }

        var optedOutAt = DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp.UnixTimestampMs);
        _notified.Put(record.Key, Math.Max(1, record.Timestamp.UnixTimestampMs));
        metrics.RecordErasureNotice();
        return Record<string, byte[]>.Create(record.Key, ErasureNotice.Json(record.Key, optedOutAt, time.GetUtcNow(), heldFor));
    }

    public void Close()
    {
    }
}
