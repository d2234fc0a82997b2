using System.Diagnostics;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Pipeline;

namespace Aggregator.IntegrationTests.Faults;

/// <summary>
/// Opt-outs arriving while events flow: once the worker has read a user's opt-out, none of that user's later events
/// reaches activity.refined or activity.counts; their earlier events and everyone else's are counted exactly.
/// </summary>
/// <remarks>
/// Three phases of event time. 1: everyone's events, processed before any opt-out exists. 2: the opt-outs are produced
/// while events of the other users keep flowing (whether an opted-out user's event in this race is counted would
/// depend on timing, so this phase has none). 3: once the worker reports the opt-outs read, everyone's events again —
/// the opted-out users' must all be dropped.
/// </remarks>
[Collection(FaultsCollection.Name)]
public sealed class MidStreamOptOutTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OptOutsArrivingMidStream_LaterEventsOfThoseUsersAbsentFromRefinedAndCounts()
    {
        var optOuts = FaultSizes.Pick(1_000, 10_000);
        var users = optOuts * 3;
        var eventsPerPhase = FaultSizes.Pick(12_000, 60_000);
        var random = new Random(FaultSizes.Seed);
        using var world = FaultSizes.World(output, partitions: FaultSizes.Pick(6, 24));
        var start = DateTimeOffset.UtcNow.AddMinutes(-60);
        var phases = Enumerable.Range(0, 3)
            .Select(p => ActivityInput.Generate(eventsPerPhase, users, minutes: 10, FaultSizes.Seed + p, start.AddMinutes(10 * p)))
            .ToArray();
        var before = phases[0].OptedOutUsers; // opted out from the start (the reference input's own), the same in every phase
        var optingOut = Enumerable.Range(0, users).Select(u => $"u-{u:D4}").Where(u => !before.Contains(u))
            .OrderBy(_ => random.Next()).Take(optOuts).ToHashSet(StringComparer.Ordinal);
        bool Expected(int phase, string user) => phase == 0 || !optingOut.Contains(user);

        // The recomputation agrees with the reference it filters.
        Assert.Equal(phases[0].ExpectedCounts.OrderBy(e => e.Key), ReferenceCounts.Of([phases[0]], (_, _) => true).OrderBy(e => e.Key));

        world.ProduceOptOuts(before);
        world.Produce(phases[0].Records);
        await using var worker = world.StartWorker();
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var firstPhase = ReferenceCounts.ExpectedRefined(phases[0], phases[0].Records);
        Assert.Equal(firstPhase, world.RefinedEventIds(firstPhase, TimeSpan.FromSeconds(60)).Count);

        // Phase 2: the opt-outs arrive in the middle of other users' traffic.
        var clock = Stopwatch.StartNew();
        var otherTraffic = Task.Run(() => world.Produce(phases[1].Records.Where(r => r.Key is null || !optingOut.Contains(r.Key))));
        world.ProduceOptOuts(optingOut);
        var produced = clock.Elapsed;
        await WaitForOptOutsReadAsync(world, before.Count + optingOut.Count);
        var read = clock.Elapsed;
        await otherTraffic;
        output.WriteLine($"{optingOut.Count:N0} opt-outs produced within {produced.TotalSeconds:F1} s amid other users' traffic, all read by the worker {read.TotalSeconds:F1} s after the first");

        // Phase 3: everyone's events; the opted-out users' must not come through.
        var droppedBefore = await world.MetricAsync("aggregator_events_opted_out_total") ?? 0;
        world.Produce(phases[2].Records);
        var expectedCounts = ReferenceCounts.Of(phases, (id, user) => Expected(PhaseOf(id), user));
        var counts = world.WaitForCounts(expectedCounts, TimeSpan.FromSeconds(90));
        var optedOutLater = phases[2].ExpectedRefined.Count(e => optingOut.Contains(e.Value));
        var dropped = (await world.MetricAsync("aggregator_events_opted_out_total") ?? 0) - droppedBefore;
        output.WriteLine($"phase 3: {optedOutLater:N0} events of users who opted out mid-stream, {dropped:N0} events dropped as opted out while it ran");

        Assert.True(CountsReader.Matches(counts, expectedCounts), CountsReader.Difference(counts, expectedCounts));
        Assert.True(optedOutLater > 0, "the opted-out users had no later events: nothing was tested");
        Assert.True(dropped >= optedOutLater, $"only {dropped} events were dropped as opted out, expected at least {optedOutLater}");
        world.AssertRefinedHolds(phases.SelectMany(p => p.ExpectedRefined.Where(e => Expected(PhaseOf(e.Key), e.Value)).Select(e => e.Key)).ToList(), TimeSpan.FromSeconds(30));
    }

    // Event ids are "e-{seed}-{i}"; phase p was generated with seed + p.
    private static int PhaseOf(string eventId) => int.Parse(eventId.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture) - FaultSizes.Seed;

    private static async Task WaitForOptOutsReadAsync(WorkerWorld world, int records)
    {
        var clock = Stopwatch.StartNew();
        while ((await world.MetricAsync("aggregator_streams_global_records_loaded_total") ?? 0) < records)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the worker did not read {records:N0} opt-out records within a minute");
            await Task.Delay(100);
        }
    }
}
