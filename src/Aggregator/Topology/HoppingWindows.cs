using Aggregator.Hosting.Options;

namespace Aggregator.Topology;

/// <summary>
/// The counts' hopping windows as plain arithmetic, for the processors that reason about them beside Streamiz's
/// windowed count (lateness, report partials, alarm windows). Windows start at multiples of the advance (epoch-aligned,
/// as Kafka Streams aligns them).
/// </summary>
internal sealed record HoppingWindows(long SizeMs, long AdvanceMs, long GraceMs)
{
    public static HoppingWindows From(WindowsOptions options) =>
        new((long)options.Size.TotalMilliseconds, (long)options.Advance.TotalMilliseconds, (long)options.Grace.TotalMilliseconds);

    /// <summary>The start of the last (most recent) window containing <paramref name="timestampMs"/>.</summary>
    public long LastWindowStart(long timestampMs) => timestampMs - (((timestampMs % AdvanceMs) + AdvanceMs) % AdvanceMs);

    /// <summary>Starts of every window containing <paramref name="timestampMs"/>, oldest first.</summary>
    public IEnumerable<long> WindowStartsFor(long timestampMs)
    {
        var last = LastWindowStart(timestampMs);
        for (var start = Math.Max(0, last - SizeMs + AdvanceMs); start <= last; start += AdvanceMs)
        {
            if (timestampMs < start + SizeMs)
            {
                yield return start;
            }
        }
    }

    /// <summary>Whether every window containing <paramref name="timestampMs"/> has closed at <paramref name="streamTimeMs"/>.</summary>
    public bool IsLate(long timestampMs, long streamTimeMs) => LastWindowStart(timestampMs) + SizeMs + GraceMs <= streamTimeMs;
}
