using System.Diagnostics;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// First arrival in activity.refined of every expected eventId, as a Stopwatch timestamp, noted by the follower's thread
/// the moment the record is consumed. An eventId is timed from its first record (a resend's copy is not a new event).
/// </summary>
internal sealed class LatencyLedger(IReadOnlyDictionary<string, int> firstRecordOf, int records)
{
    private readonly long[] _arrivedAt = new long[records];
    private readonly bool[] _isFirst = FirstFlags(firstRecordOf.Values, records);
    private int _arrived;
    private long _lastArrivalAt;

    /// <summary>Expected eventIds and the index of the first record carrying each: valid, user not opted out.</summary>
    public static Dictionary<string, int> FirstRecords(RawData data)
    {
        var first = new Dictionary<string, int>(data.ExpectedEventIds.Count, StringComparer.Ordinal);
        for (var i = 0; i < data.Count; i++)
        {
            var id = RawData.EventIdOf(data.Records[i]);
            if (data.ExpectedEventIds.Contains(id))
            {
                first.TryAdd(id, i);
            }
        }

        return first;
    }

    public int Expected => firstRecordOf.Count;

    /// <summary>Distinct expected eventIds seen so far.</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Refined records that repeat an eventId already seen (at-least-once copies).</summary>
    public long Copies { get; private set; }

    public long LastArrivalAt => Volatile.Read(ref _lastArrivalAt);

    /// <summary>One refined record consumed (on the follower's thread); true once every expected eventId has arrived.</summary>
    public bool Arrive(string? eventId)
    {
        var now = Stopwatch.GetTimestamp();
        if (eventId is not null && firstRecordOf.TryGetValue(eventId, out var index))
        {
            if (_arrivedAt[index] == 0)
            {
                _arrivedAt[index] = now;
                Volatile.Write(ref _lastArrivalAt, now);
                Volatile.Write(ref _arrived, _arrived + 1);
            }
            else
            {
                Copies++;
            }
        }

        return Arrived == Expected;
    }

    /// <summary>
    /// Latency (ms, in the order produced) of every expected eventId whose first record was handed to the producer at or
    /// after <paramref name="measuredFrom"/>, and how many of those never arrived. Read after the follower has stopped.
    /// </summary>
    public (List<double> InProduceOrderMs, int Missing) Measure(long[] handedAt, long measuredFrom)
    {
        var latencies = new List<double>(firstRecordOf.Count);
        var missing = 0;
        // Records are produced in index order, so ascending indices give the latencies in the order produced.
        for (var index = 0; index < _isFirst.Length; index++)
        {
            var sent = handedAt[index];
            if (!_isFirst[index] || sent == 0 || sent < measuredFrom)
            {
                continue;
            }

            if (_arrivedAt[index] == 0)
            {
                missing++;
            }
            else
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent, _arrivedAt[index]).TotalMilliseconds);
            }
        }

        return (latencies, missing);
    }

    private static bool[] FirstFlags(IEnumerable<int> firstIndices, int records)
    {
        var flags = new bool[records];
        foreach (var index in firstIndices)
        {
            flags[index] = true;
        }

        return flags;
    }
}
