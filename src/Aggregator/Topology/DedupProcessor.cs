using Aggregator.Privacy;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Topology;

/// <summary>
/// Recognises resent events (the topology drops them after counting). Runs after the by-user repartition, so all copies
/// of an event — whatever raw partition the collector sent them to — meet in one task. An eventId is remembered with
/// where it was first read (raw partition and offset) in a window store bucketed by event time (a resend carries the
/// same event time, so one point lookup finds it).
/// </summary>
/// <remarks>
/// Replay-safe under at-least-once: after a crash the store's changelog may already hold an eventId whose refined record
/// was never written; the replay of that same raw record comes from the same place, so it is let through again instead
/// of being dropped as a duplicate (which would lose the event). Only a copy read from another raw position is a duplicate.
/// Also re-checks opt-outs that arrived while the event was in flight.
/// </remarks>
internal sealed class DedupProcessor(ActivityMetrics metrics, StreamsMetrics streams, int partitions) : ITransformer<string, TrackedEvent, string, DedupVerdict>
{
    public const string StoreName = "event-ids";
    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(1);
    private static readonly long BucketMs = (long)Bucket.TotalMilliseconds;
    private IWindowStore<string, RawOrigin> _seen = null!;
    private IReadOnlyKeyValueStore<string, bool> _optOuts = null!;
    private readonly Dictionary<int, long> _rawProgress = [];
    private ProcessorContext<string, DedupVerdict> _context = null!;
    private string _task = string.Empty;

    /// <summary>
    /// How long eventIds are kept, in event time behind the newest one seen: copies reach dedup well out of event-time
    /// order (a backlog on one raw partition), so the store keeps several dedup windows, not one.
    /// </summary>
    public static TimeSpan Retention(TimeSpan dedupWindow) => dedupWindow * 6;

    public void Init(ProcessorContext<string, DedupVerdict> context)
    {
        _context = context;
        context.Schedule(ProgressMarkers.Interval, PunctuationType.PROCESSING_TIME, _ => SendMarkers());
        _seen = (IWindowStore<string, RawOrigin>)context.GetStateStore(StoreName);
        _optOuts = OptOutCheck.Table(context);
        _task = context.Id.ToString();
        streams.TaskStarted(_task);
    }

    public Record<string, DedupVerdict> Process(Record<string, TrackedEvent> record)
    {
        if (record.Value.Event is not { } refined)
        {
            var raw = record.Value.Origin.Partition;
            _rawProgress[raw] = Math.Max(_rawProgress.GetValueOrDefault(raw, -1), record.Value.SourceStreamTime);
            return null!; // a raw partition's progress marker: passed on, combined, by SendMarkers
        }

        streams.RecordProcessed(_task);
        var origin = record.Value.Origin;
        var timestamp = record.Timestamp.UnixTimestampMs;
        var bucket = timestamp - (((timestamp % BucketMs) + BucketMs) % BucketMs);
        var firstSeen = _seen.Fetch(refined.EventId, bucket);
        if (firstSeen is { } seen && seen != origin)
        {
            metrics.RecordDuplicate();
            return Verdict(record, DedupOutcome.Duplicate);
        }

        if (firstSeen is null)
        {
            _seen.Put(refined.EventId, origin, bucket);
        }
        else
        {
            metrics.RecordReplayed();
        }

        if (OptOutCheck.IsOptedOut(_optOuts, refined.UserId, refined.AnonymousId))
        {
            metrics.RecordOptedOut();
            return Verdict(record, DedupOutcome.OptedOut);
        }

        return Verdict(record, DedupOutcome.Unique);
    }

    public void Close() => streams.TaskClosed(_task);

    // Once every raw partition has been heard from: every event up to the slowest one's stream time has passed through
    // here, so this task's stats stages can vouch for it.
    private void SendMarkers()
    {
        if (_rawProgress.Count < partitions)
        {
            return;
        }

        var through = _rawProgress.Values.Min();
        _context.Forward(ProgressMarkers.Key(_context.Id.Partition), new DedupVerdict(null, DedupOutcome.Progress, through, _context.Id.Partition));
    }

    private static Record<string, DedupVerdict> Verdict(Record<string, TrackedEvent> record, DedupOutcome outcome) =>
        Record<string, DedupVerdict>.Create(record.Key, new DedupVerdict(record.Value.Event, outcome, record.Value.SourceStreamTime, record.Value.Origin.Partition));
}
