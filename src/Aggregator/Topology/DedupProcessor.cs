using Aggregator.Activity;
using Aggregator.Privacy;
using Aggregator.Streams.Processors;
using Aggregator.Streams.State;

namespace Aggregator.Topology;

/// <summary>
/// Recognises resent events (the topology drops them after counting): an eventId already seen is remembered in a window store bucketed by event time (a resend
/// carries the same event time, so one point lookup finds it), for the dedup window. Runs after the by-user
/// repartition, so all copies of an event — whatever partition the collector sent them to — meet in one task.
/// Also re-checks opt-outs that arrived while the event was in flight.
/// </summary>
internal sealed class DedupProcessor(ActivityMetrics metrics) : IProcessor<string, RefinedEvent, string, DedupVerdict>
{
    public const string StoreName = "event-ids";
    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(1);
    private static readonly long BucketMs = (long)Bucket.TotalMilliseconds;
    private IProcessorContext<string, DedupVerdict> _context = null!;
    private IWindowStore<string, long> _seen = null!;
    private IReadOnlyKeyValueStore<string, bool> _optOuts = null!;

    public void Init(IProcessorContext<string, DedupVerdict> context)
    {
        _context = context;
        _seen = context.GetStateStore<IWindowStore<string, long>>(StoreName);
        _optOuts = context.GetStateStore<IKeyValueStore<string, bool>>(OptOutCheck.StoreName);
    }

    public void Process(Record<string, RefinedEvent> record)
    {
        var bucket = record.Timestamp - (((record.Timestamp % BucketMs) + BucketMs) % BucketMs);
        if (_seen.TryFetch(record.Value.EventId, bucket, out _))
        {
            metrics.RecordDuplicate();
            _context.Forward(record.WithValue(new DedupVerdict(record.Value, DedupOutcome.Duplicate)));
            return;
        }

        _seen.Put(record.Value.EventId, bucket, 1, record.Timestamp);
        if (OptOutCheck.IsOptedOut(_optOuts, record.Value.UserId))
        {
            metrics.RecordOptedOut();
            _context.Forward(record.WithValue(new DedupVerdict(record.Value, DedupOutcome.OptedOut)));
            return;
        }

        _context.Forward(record.WithValue(new DedupVerdict(record.Value, DedupOutcome.Unique)));
    }
}
