using Aggregator.Hosting.Health;
using Confluent.Kafka;

namespace Aggregator.Tests.Hosting.Health;

public sealed class GroupLagMonitorTests
{
    private static KafkaException TimedOut() => new(new Error(ErrorCode.Local_TimedOut, "Local: Timed out"));

    [Fact]
    public void KafkaFailure_OfASample_IsItsReason()
    {
        Assert.Equal("Local: Timed out", GroupLagMonitor.KafkaFailure(TimedOut()));
    }

    // The parallel watermark queries wrap a downed broker's error: it is still a failed sample, not a failed service.
    [Fact]
    public void KafkaFailure_WrappedByTheParallelQueries_IsStillASkippedSample()
    {
        var wrapped = new AggregateException(new AggregateException(TimedOut()), TimedOut());

        Assert.Equal("Local: Timed out", GroupLagMonitor.KafkaFailure(wrapped));
    }

    [Fact]
    public void AnythingElse_IsNotAKafkaFailure()
    {
        Assert.Null(GroupLagMonitor.KafkaFailure(new InvalidOperationException("bug")));
        Assert.Null(GroupLagMonitor.KafkaFailure(new AggregateException(TimedOut(), new InvalidOperationException("bug"))));
    }
}
