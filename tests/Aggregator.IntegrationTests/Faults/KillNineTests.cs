using System.Diagnostics;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Pipeline;

namespace Aggregator.IntegrationTests.Faults;

/// <summary>
/// `kill -9` mid-processing while input keeps arriving, judged by the at-least-once contract of the embedded broker
/// (issue 11): the worker is restarted each time on the same state directory, and at the end every expected event is
/// in activity.refined (copies allowed, nothing else), and every (key, window) count is at least the reference
/// computed independently from the input — replays may only add. How much they added is reported.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class KillNineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KilledMidProcessing_NothingLost_CountsNeverBelowTheReference()
    {
        var kills = FaultSizes.Pick(5, 20);
        var events = FaultSizes.Pick(60_000, 200_000);
        var random = new Random(FaultSizes.Seed);
        using var world = FaultSizes.World(output, brokers: 1, partitions: FaultSizes.Pick(6, 24));
        var input = ActivityInput.Generate(events, users: 500, minutes: 40, FaultSizes.Seed, DateTimeOffset.UtcNow.AddMinutes(-60));
        world.ProduceOptOuts(input.OptedOutUsers);

        // Input arrives throughout the kills, in event-time order, like a live collector's.
        var planned = TimeSpan.FromSeconds(kills * 14);
        using var stop = new CancellationTokenSource();
        var feeding = Task.Run(() => Feed(world, input, planned, stop.Token));

        // Every kill is aimed at a worker that is processing (the backlog that piled up while it was down, and new
        // input); one that turns out idle does not count, and another is aimed, up to twice as many in all.
        var midProcessing = 0;
        var attempts = 0;
        var clock = Stopwatch.StartNew();
        while (midProcessing < kills && attempts < kills * 2)
        {
            attempts++;
            await using var worker = world.StartWorker();
            await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            if (!await WaitUntilProcessingAsync(world))
            {
                world.ShowTail(worker, $"worker {attempts}: ready, but nothing processed within 30 s", 60);
            }

            await Task.Delay(random.Next(0, 1_500));

            // The worker publishes its progress once a second: progress across 1.3 s before the kill means it was working.
            var before = await world.ProcessedAsync();
            await Task.Delay(1_300);
            var after = await world.ProcessedAsync();
            worker.Signal("KILL");
            var exit = await worker.WaitForExitAsync(TimeSpan.FromSeconds(10));

            var landed = before is not null && after > before;
            midProcessing += landed ? 1 : 0;
            output.WriteLine($"kill {attempts} at {clock.Elapsed.TotalSeconds:F1} s: exit {exit}, "
                + (landed ? $"mid-processing ({after - before:N0} records in its last 1.3 s)" : $"while idle ({after:N0} records processed, none in its last 1.3 s)"));
            Assert.Equal(137, exit);
        }

        await feeding;
        await using var last = world.StartWorker();
        var counts = world.WaitForCountsAtLeast(input.ExpectedCounts, TimeSpan.FromSeconds(FaultSizes.Pick(120, 300)));
        var complete = clock.Elapsed;
        if (CountsReader.AtLeast(counts, input.ExpectedCounts))
        {
            // Replays still in flight may add more: let the last worker settle before measuring the overshoot.
            await Task.Delay(3_000);
            counts = CountsReader.Latest(world.Kafka.ReadToEnd(world.CountsTopic, TimeSpan.FromSeconds(30)));
        }
        else
        {
            world.ShowTail(last, "last worker");
        }

        var (over, excess, most) = CountsReader.Overshoot(counts, input.ExpectedCounts);
        var truth = input.ExpectedCounts.Values.Sum();
        output.WriteLine($"{midProcessing} kills mid-processing of {attempts}; {input.Records.Count:N0} records produced; counts complete {complete.TotalSeconds:F0} s after the first start; "
            + $"overshoot: {over:N0} of {input.ExpectedCounts.Count:N0} (key, window) counts above the truth, +{excess:N0} in all ({100.0 * excess / truth:F2}% of {truth:N0}), at most +{most:N0} in one");

        Assert.True(CountsReader.AtLeast(counts, input.ExpectedCounts), CountsReader.Difference(counts, input.ExpectedCounts, atLeast: true));
        Assert.True(midProcessing >= kills, $"only {midProcessing} of {attempts} kills landed while the worker was processing");
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
    private static async Task<bool> WaitUntilProcessingAsync(WorkerWorld world)
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

    private static void Feed(WorkerWorld world, ActivityInput input, TimeSpan over, CancellationToken cancellation)
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
