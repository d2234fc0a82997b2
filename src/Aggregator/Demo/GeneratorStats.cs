using Confluent.Kafka;

namespace Aggregator.Demo;

/// <summary>
/// Running counts of one generator run. Delivery reports arrive on the thread that polls the producer, which
/// is the producing loop itself (background polling is off), but the counters are read for progress lines
/// and the summary, so they are updated atomically anyway.
/// </summary>
internal sealed class GeneratorStats
{
    private readonly long[] _byType = new long[EventTypes.All.Count];
    private readonly HashSet<ErrorCode> _loggedErrors = [];
    private long _produced;
    private long _delivered;
    private long _deliveryErrors;

    public long Produced => Interlocked.Read(ref _produced);

    public long Delivered => Interlocked.Read(ref _delivered);

    public long DeliveryErrors => Interlocked.Read(ref _deliveryErrors);

    public long Malformed { get; private set; }

    public long Duplicates { get; private set; }

    public long AnomalyEvents { get; private set; }

    public DateTimeOffset? FirstEventTime { get; private set; }

    public DateTimeOffset? LastEventTime { get; private set; }

    public void Produce(EventTruth truth)
    {
        Interlocked.Increment(ref _produced);
        Malformed += truth.IsMalformed ? 1 : 0;
        Duplicates += truth.IsDuplicate ? 1 : 0;
        AnomalyEvents += truth.IsAnomaly && !truth.IsDuplicate ? 1 : 0;
        if (truth.Type is not null)
        {
            _byType[TypeIndex(truth.Type)]++;
        }

        // Event times arrive slightly out of order (late events, resends): keep the extremes.
        if (FirstEventTime is null || truth.EventTime < FirstEventTime)
        {
            FirstEventTime = truth.EventTime;
        }

        if (LastEventTime is null || truth.EventTime > LastEventTime)
        {
            LastEventTime = truth.EventTime;
        }
    }

    public void Delivery(Error error)
    {
        if (error.IsError)
        {
            Interlocked.Increment(ref _deliveryErrors);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }

    /// <summary>True the first time an error code is seen, so each kind of failure is logged once.</summary>
    public bool FirstOf(ErrorCode code)
    {
        lock (_loggedErrors)
        {
            return _loggedErrors.Add(code);
        }
    }

    public IReadOnlyDictionary<string, long> ByType() =>
        EventTypes.All.Select((type, i) => (type, i)).ToDictionary(x => x.type, x => _byType[x.i], StringComparer.Ordinal);

    private static int TypeIndex(string type) => type switch
    {
        EventTypes.PageView => 0,
        EventTypes.Click => 1,
        EventTypes.Search => 2,
        EventTypes.AddToCart => 3,
        EventTypes.Purchase => 4,
        _ => 5,
    };
}
