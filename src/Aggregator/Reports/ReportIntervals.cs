namespace Aggregator.Reports;

/// <summary>Arithmetic of the aligned, tumbling report intervals (epoch milliseconds, UTC).</summary>
internal static class ReportIntervals
{
    public const long MinuteMs = 60_000;

    /// <summary>
    /// Start of the interval holding <paramref name="eventTimeMs"/>: intervals are aligned to the Unix epoch, so
    /// 10-minute intervals start at :00, :10, … on every instance without coordination.
    /// </summary>
    public static long StartOf(long eventTimeMs, TimeSpan interval)
    {
        var length = LengthMs(interval);
        var remainder = eventTimeMs % length;
        return eventTimeMs - (remainder < 0 ? remainder + length : remainder); // floor, also before 1970
    }

    public static int MinutesIn(long intervalStart, long intervalEnd) => (int)((intervalEnd - intervalStart) / MinuteMs);

    private static long LengthMs(TimeSpan interval)
    {
        var length = (long)interval.TotalMilliseconds;
        return length > 0 && length % MinuteMs == 0
            ? length
            : throw new ArgumentOutOfRangeException(nameof(interval), interval, "A report interval is a positive whole number of minutes.");
    }
}
