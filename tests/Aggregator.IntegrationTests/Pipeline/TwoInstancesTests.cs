using System.Diagnostics;
using Aggregator.IntegrationTests.Infrastructure;

namespace Aggregator.IntegrationTests.Pipeline;

/// <summary>
/// The activity topology end to end on the embedded broker (issue 11's acceptance): two `aggregator` processes share
/// eight partitions; every (key, window) in activity.counts equals a reference computed independently from the input
/// (same windows, dedup and opt-out rules), activity.refined holds exactly the expected events, once each, and
/// activity.dlq exactly the malformed records.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class TwoInstancesTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task TwoInstances_EightPartitions_CountsExactAgainstTheReference()
    {
        using var world = WorkerWorld.On(kafka, output, "two", partitions: 8);
        var input = ActivityInput.Generate(events: 12_000, users: 400, minutes: 25, seed: 11, DateTimeOffset.UtcNow.AddMinutes(-40));
        world.ProduceOptOuts(input.OptedOutUsers);

        // Both instances join before the data lands, so the group settles on a split of the work first.
        var clock = Stopwatch.StartNew();
        await using var one = world.StartWorker("one");
        await using var two = world.StartWorker("two");
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), "one");
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), "two");
        var ready = clock.Elapsed;
        world.Produce(input.Records);

        var counts = world.WaitForCounts(input.ExpectedCounts, TimeSpan.FromSeconds(120));
        var exact = clock.Elapsed;
        if (!CountsReader.Matches(counts, input.ExpectedCounts))
        {
            world.ShowTail(one, "instance one");
            world.ShowTail(two, "instance two");
        }

        Assert.True(CountsReader.Matches(counts, input.ExpectedCounts), CountsReader.Difference(counts, input.ExpectedCounts));
        var refined = world.AssertRefinedHolds(input.ExpectedRefined.Keys, TimeSpan.FromSeconds(30));
        Assert.All(refined, r => Assert.Equal(1, r.Value)); // no crash, no replay: once each
        Assert.Equal(input.ExpectedDeadLetters, world.DeadLetters(input.ExpectedDeadLetters, TimeSpan.FromSeconds(30)).Count);

        var processed = (await world.ProcessedAsync("one") ?? 0, await world.ProcessedAsync("two") ?? 0);
        output.WriteLine($"{input.Records.Count:N0} raw records, {input.ExpectedCounts.Count:N0} (key, window) counts: both ready {ready.TotalSeconds:F1} s, "
            + $"counts exact {exact.TotalSeconds:F1} s after start; records processed by one {processed.Item1:N0}, by two {processed.Item2:N0}");
        Assert.True(processed.Item1 > 0 && processed.Item2 > 0, "both instances should share the work");
    }
}
