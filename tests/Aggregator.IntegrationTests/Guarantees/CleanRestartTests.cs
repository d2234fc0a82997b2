using System.Diagnostics;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Pipeline;

namespace Aggregator.IntegrationTests.Guarantees;

/// <summary>
/// A clean stop (SIGTERM) commits what was processed, so a restart reprocesses nothing (issue 11): stopped three times
/// mid-stream while input keeps arriving, the worker ends with activity.counts exactly the reference and every
/// expected event in activity.refined exactly once — at-least-once on the embedded broker only repeats after a crash.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class CleanRestartTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output)
{
    private const int Restarts = 3;

    [Fact]
    public async Task SigtermRestartedThreeTimesMidStream_CountsExact_RefinedOnceEach()
    {
        var random = new Random(3);
        using var world = WorkerWorld.On(kafka, output, "restart", partitions: 6);
        var input = ActivityInput.Generate(events: 30_000, users: 400, minutes: 30, seed: 31, DateTimeOffset.UtcNow.AddMinutes(-50));
        world.ProduceOptOuts(input.OptedOutUsers);
        var feeding = Task.Run(() => Feed(world, input, TimeSpan.FromSeconds(Restarts * 14)));

        // Every stop is aimed at a worker that is processing; one that turns out idle does not count, up to twice as many in all.
        var midStream = 0;
        var attempts = 0;
        var clock = Stopwatch.StartNew();
        while (midStream < Restarts && attempts < Restarts * 2)
        {
            attempts++;
            await using var worker = world.StartWorker();
            await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            await world.WaitUntilProcessingAsync();
            await Task.Delay(random.Next(0, 1_500));
            var working = await world.ProcessingNowAsync();
            worker.Signal("TERM");
            var stopping = Stopwatch.StartNew();
            var exit = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));
            midStream += working is null ? 0 : 1;
            output.WriteLine($"SIGTERM {attempts} at {clock.Elapsed.TotalSeconds:F1} s, "
                + (working is null ? "while idle" : $"mid-stream ({working:N0} records in its last 1.3 s)") + $": exit {exit} after {stopping.Elapsed.TotalSeconds:F1} s");
            if (exit != 0)
            {
                world.ShowTail(worker, $"worker {attempts}", 60);
            }

            Assert.Equal(0, exit);
        }

        await feeding;
        await using var last = world.StartWorker();
        var counts = world.WaitForCounts(input.ExpectedCounts, TimeSpan.FromSeconds(120));
        output.WriteLine($"{midStream} SIGTERMs mid-stream of {attempts}; {input.Records.Count:N0} records; counts complete {clock.Elapsed.TotalSeconds:F0} s after the first start");
        if (!CountsReader.Matches(counts, input.ExpectedCounts))
        {
            world.ShowTail(last, "last worker");
        }

        Assert.True(CountsReader.Matches(counts, input.ExpectedCounts), CountsReader.Difference(counts, input.ExpectedCounts));
        Assert.True(midStream >= Restarts, $"only {midStream} of {attempts} SIGTERMs landed while the worker was processing");
        var refined = world.AssertRefinedHolds(input.ExpectedRefined.Keys, TimeSpan.FromSeconds(30));
        var repeated = refined.Where(r => r.Value > 1).ToList();
        Assert.True(repeated.Count == 0, $"{repeated.Count} events were written to refined more than once after clean stops, e.g. {string.Join(", ", repeated.Take(5).Select(r => $"{r.Key} ×{r.Value}"))}");

        last.Signal("TERM");
        Assert.Equal(0, await last.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static void Feed(WorkerWorld world, ActivityInput input, TimeSpan over)
    {
        const int Slices = 30;
        using var producer = world.CreateProducer();
        var perSlice = (input.Records.Count + Slices - 1) / Slices;
        for (var slice = 0; slice < Slices; slice++)
        {
            world.Produce(input.Records.Skip(slice * perSlice).Take(perSlice), producer);
            Thread.Sleep(over / Slices);
        }
    }
}
