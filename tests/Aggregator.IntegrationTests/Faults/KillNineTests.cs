using System.Diagnostics;
using Aggregator.IntegrationTests.Pipeline;

namespace Aggregator.IntegrationTests.Faults;

/// <summary>
/// `kill -9` at random points of a run while input keeps arriving: the worker is restarted each time on the same
/// state directory, and at the end activity.counts equals the reference computed independently from the input —
/// nothing counted twice, nothing lost. activity.refined is at least once across crashes: every expected event is
/// there, nothing else is, and copies are only replays of the same event.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class KillNineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KilledAtRandomPoints_CountsEqualTheReference_RefinedLosesNothing()
    {
        var kills = FaultSizes.Pick(6, 20);
        var events = FaultSizes.Pick(60_000, 200_000);
        var random = new Random(FaultSizes.Seed);
        using var world = FaultWorld.Create(output, brokers: 1, partitions: FaultSizes.Pick(6, 24));
        var input = ActivityInput.Generate(events, users: 500, minutes: 40, FaultSizes.Seed, DateTimeOffset.UtcNow.AddMinutes(-60));
        world.ProduceOptOuts(input.OptedOutUsers);

        // Input arrives throughout the kills, in event-time order, like a live collector's.
        var planned = TimeSpan.FromSeconds(kills * 8);
        using var stop = new CancellationTokenSource();
        var feeding = Task.Run(() => Feed(world, input, planned, stop.Token));

        var midProcessing = 0;
        var clock = Stopwatch.StartNew();
        for (var kill = 1; kill <= kills; kill++)
        {
            await using var worker = world.StartWorker();
            // Mostly while it works through the backlog that piled up while it was down, sometimes during start-up (opening
            // state, joining the group, restoring, waiting for its inputs).
            var duringStartup = random.Next(4) == 0;
            if (duringStartup)
            {
                await Task.Delay(random.Next(0, 3_000));
            }
            else
            {
                await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
                if (!await WaitUntilProcessingAsync(world))
                {
                    world.ShowTail(worker, $"worker {kill}: ready, but nothing processed within 30 s", 60);
                }

                await Task.Delay(random.Next(0, 2_000));
            }

            // The worker publishes its progress once a second: progress across 1.3 s before the kill means it was working.
            var before = await world.ProcessedAsync();
            await Task.Delay(1_300);
            var after = await world.ProcessedAsync();
            worker.Signal("KILL");
            var exit = await worker.WaitForExitAsync(TimeSpan.FromSeconds(10));

            var landed = before is not null && after > before;
            midProcessing += landed ? 1 : 0;
            output.WriteLine($"kill {kill}/{kills} at {clock.Elapsed.TotalSeconds:F1} s ({(duringStartup ? "aimed at start-up" : "aimed after ready")}): exit {exit}, "
                + (landed ? $"mid-processing ({after - before:N0} records in its last 1.3 s)" : before is null ? "during start-up (endpoint not up yet)" : after == 0 ? "during start-up (processing not begun)" : $"while idle ({after:N0} records processed, none in its last 1.3 s)"));
            Assert.Equal(137, exit);
        }

        await feeding;
        await using var last = world.StartWorker();
        var counts = world.WaitForCounts(input.ExpectedCounts, TimeSpan.FromSeconds(FaultSizes.Pick(120, 300)));
        output.WriteLine($"{kills} kills, {midProcessing} mid-processing; {input.Records.Count:N0} records produced; counts complete {clock.Elapsed.TotalSeconds:F0} s after the first start");
        if (!CountsReader.Matches(counts, input.ExpectedCounts))
        {
            world.ShowTail(last, "last worker");
        }

        Assert.True(CountsReader.Matches(counts, input.ExpectedCounts), CountsReader.Difference(counts, input.ExpectedCounts));
        Assert.True(midProcessing > 0, "no kill landed while the worker was processing: the scenario did not test anything");

        world.AssertRefinedHolds(input.ExpectedRefined.Keys, TimeSpan.FromSeconds(60));

        last.Signal("TERM");
        var exitCode = await last.WaitForExitAsync(TimeSpan.FromSeconds(30));
        if (exitCode != 0)
        {
            world.ShowTail(last, "last worker", 80);
        }

        Assert.Equal(0, exitCode);
    }

    /// <summary>Ready is not yet processing: tasks wait for data on every input (or its idle timeout) first.</summary>
    private static async Task<bool> WaitUntilProcessingAsync(FaultWorld world)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await world.ProcessedAsync() > 0))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    private static void Feed(FaultWorld world, ActivityInput input, TimeSpan over, CancellationToken cancellation)
    {
        const int Slices = 40;
        using var producer = world.CreateProducer();
        var perSlice = (input.Records.Count + Slices - 1) / Slices;
        for (var slice = 0; slice < Slices && !cancellation.IsCancellationRequested; slice++)
        {
            world.Produce(input.Records.Skip(slice * perSlice).Take(perSlice), producer);
            Thread.Sleep(over / Slices);
        }
    }
}
