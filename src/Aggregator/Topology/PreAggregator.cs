using System.Globalization;
using Aggregator.Activity;
using Streamiz.Kafka.Net.Processors.Public;
using Aggregator.Topology.Reporting;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Topology;

/// <summary>
/// Pre-aggregation before the count repartition (issue 15): in the dedup task, each unique event is judged late or not
/// (every window containing it closed at its raw partition's stream time, which it carries — <see cref="SourceStreamTime"/>),
/// late ones are dropped from the counts and counted as late, and on-time ones are added up per (count key, window-advance
/// bucket of event time). Every <see cref="ActivityTopologySettings.PreAggregationInterval"/> the sums go out as partial
/// counts (record timestamp = bucket start), so the counts-by-key topic carries a record per key and bucket per interval,
/// not one per event. Windows start at multiples of the advance and span whole advances, so a bucket's start falls in
/// exactly the windows each of its events falls in.
/// </summary>
/// <remarks>
/// Nothing is lost on a crash: the sums live in a logged store (<see cref="StoreName"/>, cached, so its changelog gets a
/// record per key per commit, not per event), which Streamiz commits with the input offsets; a partial is deleted when it
/// is sent. At-least-once, a crash between a send and the next commit sends those partials again (counts may overshoot,
/// as a replayed event would); exactly-once commits the send, the deletion and the offsets together.
/// <para>The dictionary mirrors the store's pending sums so an event costs one store write, not a read and a write; the
/// store stays the truth (restored sums are read on a dictionary miss and sent by the next flush).</para>
/// </remarks>
internal sealed class PreAggregator(HoppingWindows windows, CountKeyBuilder countKeys, StreamsMetrics streams, IPipelineHealth health, TimeSpan flushInterval)
    : ITransformer<string, DedupVerdict, string, long>
{
    public const string StoreName = "count-partials";
    private const char Separator = '@';
    private readonly Dictionary<string, long> _pending = new(StringComparer.Ordinal);
    private ProcessorContext<string, long> _context = null!;
    private IKeyValueStore<string, long> _store = null!;
    private string _task = string.Empty;
    private bool _restored;

    public void Init(ProcessorContext<string, long> context)
    {
        _context = context;
        _store = (IKeyValueStore<string, long>)context.GetStateStore(StoreName);
        _task = context.Id.ToString();
        streams.RecordLateDropped(_task, 0); // exported from zero for each task that judges lateness
        context.Schedule(flushInterval, PunctuationType.PROCESSING_TIME, _ => Flush());
    }

    public Record<string, long> Process(Record<string, DedupVerdict> record)
    {
        _restored = true; // Streamiz processes records only once the task's stores are restored
        if (record.Value is not { Outcome: DedupOutcome.Unique, Event: { } refined } verdict)
        {
            return null!;
        }

        var timestamp = record.Timestamp.UnixTimestampMs;
        if (windows.IsLate(timestamp, verdict.SourceStreamTime))
        {
            streams.RecordLateDropped(_task);
            return null!;
        }

        var slot = Slot(windows.LastWindowStart(timestamp), countKeys.Build(refined));
        if (!_pending.TryGetValue(slot, out var sum))
        {
            sum = _store.Get(slot); // 0 when absent, else a sum restored after a crash and not yet sent
        }

        _pending[slot] = sum + 1;
        _store.Put(slot, sum + 1);
        return null!;
    }

    public void Close()
    {
        // Pending sums stay in the store: committed with the offsets on close, sent by whoever owns the task next.
    }

    private void Flush()
    {
        _restored = _restored || health.IsRestored(StoreName, _context.Id.Partition);
        if (!_restored)
        {
            return; // Streamiz punctuates tasks that are still restoring: the store may not hold every pending sum yet
        }

        // Read to the end (and the store's iterator closed) before deleting what was read.
        List<KeyValuePair<string, long>> sums = [.. _store.All()];
        foreach (var (slot, sum) in sums)
        {
            var at = slot.IndexOf(Separator, StringComparison.Ordinal);
            _context.ChangeTimestamp(long.Parse(slot.AsSpan(0, at), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            _context.Forward(slot[(at + 1)..], sum);
            _store.Delete(slot);
        }

        _pending.Clear();
    }

    // The bucket first: a count key may hold any character, a decimal number never holds the separator.
    private static string Slot(long bucketStart, string countKey) =>
        string.Concat(bucketStart.ToString(CultureInfo.InvariantCulture), Separator.ToString(), countKey);
}
