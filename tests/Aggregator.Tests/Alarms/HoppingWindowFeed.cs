using Aggregator.Alarms;
using static Aggregator.Tests.Alarms.AlarmTestData;

namespace Aggregator.Tests.Alarms;

/// <summary>
/// What the merger would observe for one rule from per-minute counts: 5-minute windows advancing by one minute,
/// one minute of grace. At each minute boundary m (stream time), every window that has begun and is not yet
/// closed is observed with its count so far; a window is observed closed, once, at m = start + 5 + grace.
/// </summary>
internal static class HoppingWindowFeed
{
    public const int Size = 5;
    public const int Grace = 1;

    public static List<WindowObservation> Observations(IReadOnlyList<long> perMinute)
    {
        var observations = new List<WindowObservation>();
        for (var m = 1; m <= perMinute.Count + Size + Grace; m++)
        {
            for (var start = Math.Max(0, m - Size - Grace); start < Math.Min(m, perMinute.Count); start++)
            {
                var end = Math.Min(m, Math.Min(start + Size, perMinute.Count));
                var count = perMinute.Skip(start).Take(end - start).Sum();
                var closed = m == start + Size + Grace;
                observations.Add(new WindowObservation(At(start), At(start + Size), count, closed, At(m)));
            }
        }

        return observations;
    }

    /// <summary>10 matching events a minute for 30 minutes, 500 a minute in minutes 10–13.</summary>
    public static long[] Burst() => [.. Enumerable.Range(0, 30).Select(m => m is >= 10 and < 14 ? 500L : 10L)];
}
