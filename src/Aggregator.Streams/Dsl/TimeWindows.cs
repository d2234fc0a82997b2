namespace Aggregator.Streams.Dsl;

/// <summary>
/// Fixed-size windows aligned to the epoch: tumbling when the advance equals the size, hopping when it is
/// smaller. A record at time t belongs to every window with start &lt;= t &lt; start + size.
/// </summary>
/// <remarks>
/// A window accepts records until stream time passes its end plus the grace period; later records are
/// dropped and counted, never silently (Kafka Streams semantics).
/// </remarks>
public sealed record TimeWindows
{
    private TimeWindows(long sizeMs, long advanceMs, long graceMs)
    {
        SizeMs = sizeMs;
        AdvanceMs = advanceMs;
        GraceMs = graceMs;
    }

    public long SizeMs { get; }

    public long AdvanceMs { get; }

    public long GraceMs { get; }

    public TimeSpan Size => TimeSpan.FromMilliseconds(SizeMs);

    public TimeSpan Advance => TimeSpan.FromMilliseconds(AdvanceMs);

    public TimeSpan Grace => TimeSpan.FromMilliseconds(GraceMs);

    /// <summary>How long a window store must keep a window: until it can no longer change.</summary>
    public long RetentionMs => SizeMs + GraceMs;

    public static TimeWindows OfSizeWithNoGrace(TimeSpan size) => OfSizeAndGrace(size, TimeSpan.Zero);

    public static TimeWindows OfSizeAndGrace(TimeSpan size, TimeSpan grace)
    {
        var sizeMs = (long)size.TotalMilliseconds;
        var graceMs = (long)grace.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeMs, 1, nameof(size));
        ArgumentOutOfRangeException.ThrowIfNegative(graceMs, nameof(grace));
        return new TimeWindows(sizeMs, sizeMs, graceMs);
    }

    /// <summary>Makes the windows hop: a new window starts every <paramref name="advance"/>.</summary>
    public TimeWindows AdvanceBy(TimeSpan advance)
    {
        var advanceMs = (long)advance.TotalMilliseconds;
        if (advanceMs < 1 || advanceMs > SizeMs)
        {
            throw new ArgumentOutOfRangeException(nameof(advance), advance, $"The advance must be between 1 ms and the window size ({Size}).");
        }

        return new TimeWindows(SizeMs, advanceMs, GraceMs);
    }

    /// <summary>Start of the earliest window containing <paramref name="timestampMs"/> (0 at the epoch's edge).</summary>
    public long FirstWindowStart(long timestampMs) =>
        Math.Max(0, timestampMs - SizeMs + AdvanceMs) / AdvanceMs * AdvanceMs;

    /// <summary>Number of windows a record falls into (size / advance, fewer near the epoch).</summary>
    public int WindowsPerRecord => (int)((SizeMs + AdvanceMs - 1) / AdvanceMs);

    /// <summary>Starts of all windows containing <paramref name="timestampMs"/>, ascending, without allocating.</summary>
    public WindowStarts WindowStartsFor(long timestampMs) => new(FirstWindowStart(timestampMs), timestampMs, AdvanceMs);

    public override string ToString() => $"TimeWindows(size={Size}, advance={Advance}, grace={Grace})";

    /// <summary>Allocation-free enumeration of window starts.</summary>
    public readonly struct WindowStarts(long first, long timestampMs, long advanceMs)
    {
        public Enumerator GetEnumerator() => new(first, timestampMs, advanceMs);

        public struct Enumerator(long first, long timestampMs, long advanceMs)
        {
            private long _next = first;

            public long Current { get; private set; }

            public bool MoveNext()
            {
                if (_next > timestampMs)
                {
                    return false;
                }

                Current = _next;
                _next += advanceMs;
                return true;
            }
        }
    }
}
