namespace Aggregator.Topology.Reporting;

/// <summary>
/// Paces how often a task sends its partials to the merger (every couple of seconds, not every commit): partials
/// are cumulative, so sending less often loses nothing, and a unique-user sketch is 16 KiB.
/// </summary>
internal sealed class PublishClock(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private long _last = long.MinValue;

    public bool Due()
    {
        var now = time.GetTimestamp();
        if (_last != long.MinValue && time.GetElapsedTime(_last, now) < Interval)
        {
            return false;
        }

        _last = now;
        return true;
    }
}
