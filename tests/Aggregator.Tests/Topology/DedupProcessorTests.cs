using System.Text;
using Aggregator.Activity;
using Aggregator.Topology;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Tests.Topology;

/// <summary>
/// De-duplication in the topology: a resend (same eventId, another raw record) is dropped; a replay (the same raw
/// record read again after a crash under at-least-once) is let through, or the event would be lost (issue 11, item 4).
/// </summary>
public sealed class DedupProcessorTests : IDisposable
{
    private static readonly DateTimeOffset T0 = ActivityTopologyFixture.T0;
    private readonly ActivityTopologyFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Resend_WithinTheDedupWindow_IsRefinedAndCountedOnce()
    {
        _f.PipeEvent("u-1", T0.AddSeconds(10), eventId: "e-1");
        _f.PipeEvent("u-2", T0.AddMinutes(3), eventId: "e-2");
        _f.PipeEvent("u-1", T0.AddSeconds(10), eventId: "e-1"); // raw offset 2: another record than offset 0

        Assert.Equal(["u-1", "u-2"], _f.RefinedKeys());
        Assert.Equal(2, _f.LatestCounts()["page_view|/home@09:59"]);
        Assert.Equal(1, _f.Metrics.Duplicates);
        Assert.Equal(0, ActivityTopologyFixture.Observed(_f.Replayed));
    }

    // The recipes' finding: copies reach dedup well out of event-time order, so the store keeps six dedup windows.
    [Fact]
    public void Resend_ArrivingHalfAnHourOfStreamTimeLater_IsStillRecognised()
    {
        _f.PipeEvent("u-1", T0.AddSeconds(10), eventId: "e-1");
        _f.PipeEvent("u-2", T0.AddMinutes(30), eventId: "e-2");
        _f.PipeEvent("u-1", T0.AddSeconds(10), eventId: "e-1");

        Assert.Equal(["u-1", "u-2"], _f.RefinedKeys());
        Assert.Equal(1, _f.Metrics.Duplicates);
    }

    [Fact]
    public void FirstSighting_IsRemembered_WithItsRawPartitionAndOffset()
    {
        _f.PipeRaw("{not json");                                  // raw offset 0
        _f.PipeEvent("u-1", T0.AddSeconds(10), eventId: "e-1");   // raw offset 1

        var store = _f.Driver.GetWindowStore<string, RawOrigin>(DedupProcessor.StoreName);
        var bucket = T0.ToUnixTimeMilliseconds(); // event time floored to the minute
        Assert.Equal(new RawOrigin(0, 1), store.Fetch("e-1", bucket));
    }

    [Fact]
    public void Replay_OfTheSameRawRecord_IsLetThroughAgain_AndCountedAsReplayed()
    {
        // A crash after dedup's store entry reached its changelog but before the refined record was written: the
        // restarted task reads raw offset 7 again and must not take its own earlier sighting for a resend.
        var refined = Refine("u-1", T0.AddSeconds(10), "e-1");
        _f.PipeTracked(refined, new RawOrigin(3, 7));
        _f.PipeTracked(refined, new RawOrigin(3, 7));

        Assert.Equal(["u-1", "u-1"], _f.RefinedKeys());
        Assert.Equal(1, _f.Metrics.Replayed);
        Assert.Equal(1, ActivityTopologyFixture.Observed(_f.Replayed));
        Assert.Equal(0, _f.Metrics.Duplicates);
    }

    [Theory]
    [InlineData(3, 8)] // same partition, another offset
    [InlineData(4, 7)] // same offset, another partition
    public void CopyFromAnotherRawPosition_IsADuplicate_EvenAfterAReplay(int partition, long offset)
    {
        var refined = Refine("u-1", T0.AddSeconds(10), "e-1");
        _f.PipeTracked(refined, new RawOrigin(3, 7));
        _f.PipeTracked(refined, new RawOrigin(3, 7));
        _f.PipeTracked(refined, new RawOrigin(partition, offset));

        Assert.Equal(2, _f.RefinedKeys().Count);
        Assert.Equal(1, _f.Metrics.Duplicates);
        // The first sighting stays the reference: a later replay of it still passes.
        _f.PipeTracked(refined, new RawOrigin(3, 7));
        Assert.Single(_f.RefinedKeys());
    }

    [Fact]
    public void OptOut_ArrivingWhileTheEventIsInFlight_DropsItAtDedup()
    {
        // Refined (and stamped with its raw origin) before the opt-out; reaches dedup after it.
        var refined = Refine("u-1", T0.AddSeconds(10), "e-1");
        _f.OptOut("u-1");
        _f.PipeTracked(refined, new RawOrigin(0, 0));

        Assert.Empty(_f.RefinedKeys());
        Assert.Equal(1, _f.Metrics.OptedOut);
    }

    private RefinedEvent Refine(string user, DateTimeOffset time, string eventId)
    {
        var result = ActivityRefiner.Create(timeProvider: _f.Time)
            .Refine(null, Encoding.UTF8.GetBytes(ActivityTopologyFixture.EventJson(user, time, eventId: eventId)), SourcePosition.Unknown);
        Assert.True(result.IsRefined);
        return result.Event;
    }
}
