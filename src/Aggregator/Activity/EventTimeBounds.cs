using System.Globalization;

namespace Aggregator.Activity;

/// <summary>
/// The window of event times accepted at one ingest time: not older than <c>MaxEventAge</c> before it, not
/// later than <c>MaxClockSkew</c> after it. Both ends are inclusive. A rejection names the bound it broke.
/// </summary>
internal readonly struct EventTimeBounds
{
    private static readonly long MinEpochMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxEpochMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private readonly TimeSpan _maxAge;
    private readonly TimeSpan _maxSkew;

    public EventTimeBounds(DateTimeOffset ingestTime, TimeSpan maxAge, TimeSpan maxSkew)
    {
        var ingest = ingestTime.ToUnixTimeMilliseconds();
        _maxAge = maxAge;
        _maxSkew = maxSkew;
        EarliestEpochMilliseconds = Math.Max(MinEpochMilliseconds, ingest - (long)maxAge.TotalMilliseconds);
        LatestEpochMilliseconds = Math.Min(MaxEpochMilliseconds, ingest + (long)maxSkew.TotalMilliseconds);
    }

    public long EarliestEpochMilliseconds { get; }

    public long LatestEpochMilliseconds { get; }

    public Rejection? Check(long epochMilliseconds)
    {
        if (epochMilliseconds < EarliestEpochMilliseconds)
        {
            return new Rejection(
                RejectionCodes.TimestampTooOld,
                "timestamp " + Describe(epochMilliseconds) + " is older than the " + DescribeSpan(_maxAge)
                    + " bound (earliest accepted " + Describe(EarliestEpochMilliseconds) + ")");
        }

        if (epochMilliseconds > LatestEpochMilliseconds)
        {
            return new Rejection(
                RejectionCodes.TimestampInFuture,
                "timestamp " + Describe(epochMilliseconds) + " is later than the " + DescribeSpan(_maxSkew)
                    + " clock-skew bound (latest accepted " + Describe(LatestEpochMilliseconds) + ")");
        }

        return null;
    }

    private static string Describe(long epochMilliseconds) =>
        epochMilliseconds >= MinEpochMilliseconds && epochMilliseconds <= MaxEpochMilliseconds
            ? UtcTimestamp.ToString(DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds))
            : epochMilliseconds.ToString(CultureInfo.InvariantCulture) + " (epoch ms)";

    /// <summary>"30-day", "1-hour", "90-second": the bound as the options state it.</summary>
    internal static string DescribeSpan(TimeSpan span)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (span.Ticks % TimeSpan.TicksPerDay == 0 && span.Ticks != 0)
        {
            return (span.Ticks / TimeSpan.TicksPerDay).ToString(invariant) + "-day";
        }

        if (span.Ticks % TimeSpan.TicksPerHour == 0 && span.Ticks != 0)
        {
            return (span.Ticks / TimeSpan.TicksPerHour).ToString(invariant) + "-hour";
        }

        if (span.Ticks % TimeSpan.TicksPerMinute == 0 && span.Ticks != 0)
        {
            return (span.Ticks / TimeSpan.TicksPerMinute).ToString(invariant) + "-minute";
        }

        return span.Ticks % TimeSpan.TicksPerSecond == 0
            ? (span.Ticks / TimeSpan.TicksPerSecond).ToString(invariant) + "-second"
            : span.ToString("c", invariant);
    }
}
