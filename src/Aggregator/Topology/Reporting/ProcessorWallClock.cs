using Aggregator.Streams.Processors;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// The stream runtime's wall clock as a <see cref="TimeProvider"/> (only <see cref="GetUtcNow"/>): the clock its
/// wall-clock punctuation runs on, which the test driver moves by hand.
/// </summary>
internal sealed class ProcessorWallClock(IProcessorContext context) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(context.WallClockTime);
}
