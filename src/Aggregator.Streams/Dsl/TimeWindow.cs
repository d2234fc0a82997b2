namespace Aggregator.Streams.Dsl;

/// <summary>A half-open time interval [StartMs, EndMs) in epoch milliseconds.</summary>
public readonly record struct TimeWindow(long StartMs, long EndMs)
{
    public DateTimeOffset Start => DateTimeOffset.FromUnixTimeMilliseconds(StartMs);

    public DateTimeOffset End => DateTimeOffset.FromUnixTimeMilliseconds(EndMs);

    public override string ToString() => $"[{Start:yyyy-MM-ddTHH:mm:ss.fffZ}, {End:yyyy-MM-ddTHH:mm:ss.fffZ})";
}
