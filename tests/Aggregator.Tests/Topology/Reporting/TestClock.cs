namespace Aggregator.Tests.Topology.Reporting;

/// <summary>A wall clock that moves only when told to (the reporting logic only reads the time; it sets no timers).</summary>
internal sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
