using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Topology;

/// <summary>
/// Stamps each accepted event with its raw partition's stream time (the largest event time read from it; Kafka Streams'
/// definition), kept in a store with a changelog so it survives restarts: lateness is judged against it. Judged by raw
/// partition, not where the counts are made: the by-user and by-count-key repartitions interleave the output of every
/// upstream task, and those run at their own pace (a backlog, another instance, a restart), so a counting task's own
/// stream time races minutes ahead of events that were in order in the partition they came from — Streamiz has no
/// upstream watermarks to hold it back. Per raw partition, the verdict depends on the input alone, not on timing.
/// </summary>
/// <remarks>
/// A separate stage after refining, not inside it: Streamiz skips null-keyed records at a stateful processor, and raw
/// records may have no key (they must still be refined or dead-lettered); accepted events are keyed by user. The store
/// is cached, so its changelog is written at commit, with the offsets: a replay after a crash is judged against the
/// stream time of the last commit, as the first pass was, give or take one commit interval.
/// </remarks>
internal sealed class SourceStreamTime(int partitions) : ITransformer<string, RefineOutcome, string, TrackedEvent>
{
    public const string StoreName = "raw-stream-time";
    private const string Key = "stream-time";
    private ProcessorContext<string, TrackedEvent> _context = null!;
    private IKeyValueStore<string, long> _store = null!;
    private long? _streamTime;

    public void Init(ProcessorContext<string, TrackedEvent> context)
    {
        _context = context;
        context.Schedule(ProgressMarkers.Interval, PunctuationType.PROCESSING_TIME, _ => SendMarkers());
        _store = (IKeyValueStore<string, long>)context.GetStateStore(StoreName);
        // Not read here: Streamiz 1.8 calls Init when it creates the task, before the store is restored from its
        // changelog (a cold start would read 0 and forget the stream time). Process runs only once the task is restored.
        _streamTime = null;
    }

    public Record<string, TrackedEvent> Process(Record<string, RefineOutcome> record)
    {
        _streamTime ??= _store.Get(Key);
        var eventTime = record.Timestamp.UnixTimestampMs; // the refine stage stamped event time
        if (eventTime > _streamTime)
        {
            _streamTime = eventTime;
            _store.Put(Key, eventTime);
        }

        return Record<string, TrackedEvent>.Create(record.Key, new TrackedEvent(record.Value.Event!, record.Value.Origin, _streamTime.Value));
    }

    public void Close()
    {
    }

    // Every partition of the by-user topic gets this partition's stream time, after every event read before it. Until a
    // record has been processed it is unknown: a backlog may be waiting, so nothing is promised.
    private void SendMarkers()
    {
        if (_streamTime is not { } marker)
        {
            return;
        }

        var origin = new RawOrigin(_context.Id.Partition, -1);
        for (var target = 0; target < partitions; target++)
        {
            _context.Forward(ProgressMarkers.Key(target), new TrackedEvent(null, origin, marker, target));
        }
    }
}
