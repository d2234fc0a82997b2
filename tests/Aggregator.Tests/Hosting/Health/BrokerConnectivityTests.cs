using Aggregator.Hosting.Health;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Aggregator.Tests.Hosting.Health;

public sealed class BrokerConnectivityTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reachable_BeforeAnyProbe()
    {
        var connectivity = new BrokerConnectivity(new ScriptedProbe(), new FakeTimeProvider(Start), NullLogger<BrokerConnectivity>.Instance);

        Assert.True(connectivity.Current.Reachable);
    }

    [Fact]
    public void FailedProbe_ReportsUnreachableSinceTheLastAnswer()
    {
        var clock = new FakeTimeProvider(Start);
        var probe = new ScriptedProbe();
        var connectivity = new BrokerConnectivity(probe, clock, NullLogger<BrokerConnectivity>.Instance);
        clock.SetUtcNow(Start.AddSeconds(2));
        connectivity.ProbeOnce();

        probe.Answers = false;
        clock.SetUtcNow(Start.AddSeconds(4));
        connectivity.ProbeOnce();
        clock.SetUtcNow(Start.AddSeconds(6));
        connectivity.ProbeOnce();

        Assert.False(connectivity.Current.Reachable);
        Assert.Equal(Start.AddSeconds(2), connectivity.Current.Since);
        Assert.Equal("no broker reachable since 2026-11-21T10:00:02Z (Local: Broker transport failure)", connectivity.Current.Describe());
    }

    [Fact]
    public void NeverAnswered_IsUnreachableSinceProbingBegan()
    {
        var clock = new FakeTimeProvider(Start);
        var connectivity = new BrokerConnectivity(new ScriptedProbe { Answers = false }, clock, NullLogger<BrokerConnectivity>.Instance);
        clock.SetUtcNow(Start.AddSeconds(2));

        connectivity.ProbeOnce();

        Assert.False(connectivity.Current.Reachable);
        Assert.Equal(Start, connectivity.Current.Since);
    }

    [Fact]
    public void AnswerAfterOutage_IsReachableAgain()
    {
        var clock = new FakeTimeProvider(Start);
        var probe = new ScriptedProbe { Answers = false };
        var connectivity = new BrokerConnectivity(probe, clock, NullLogger<BrokerConnectivity>.Instance);
        connectivity.ProbeOnce();

        probe.Answers = true;
        clock.SetUtcNow(Start.AddSeconds(30));
        connectivity.ProbeOnce();

        Assert.True(connectivity.Current.Reachable);
        Assert.Equal(Start.AddSeconds(30), connectivity.Current.Since);
        Assert.Null(connectivity.Current.Failure);
    }

    private sealed class ScriptedProbe : IBrokerProbe
    {
        public bool Answers { get; set; } = true;

        public bool Probe(TimeSpan timeout, out string? failure)
        {
            failure = Answers ? null : "Local: Broker transport failure";
            return Answers;
        }
    }
}
