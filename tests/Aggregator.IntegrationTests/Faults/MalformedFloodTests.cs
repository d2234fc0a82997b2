using System.Diagnostics;
using System.Text;
using Aggregator.Activity;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Pipeline;

namespace Aggregator.IntegrationTests.Faults;

/// <summary>
/// A flood of malformed records of every kind mixed into good traffic: each lands in activity.dlq with the reason it
/// deserves, and the counts of the good records are exact — the bad neither stop nor skew the pipeline.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class MalformedFloodTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FloodOfMalformedRecords_AllDeadLetteredWithTheirReason_GoodCountsExact()
    {
        var (good, bad) = FaultSizes.Pick((100_000, 10_000), (1_000_000, 100_000));
        var random = new Random(FaultSizes.Seed);
        using var world = FaultSizes.World(output, partitions: FaultSizes.Pick(12, 24));
        var input = ActivityInput.Generate(good, users: 2_000, minutes: 40, FaultSizes.Seed, DateTimeOffset.UtcNow.AddMinutes(-60));
        // The reference input carries some malformed records of its own; the flood tops them up to the target.
        var flood = MalformedRecords.Generate(bad - input.ExpectedDeadLetters, random, DateTimeOffset.UtcNow.AddMinutes(-30));
        var records = input.Records.ToList();
        foreach (var (key, value, _) in flood)
        {
            records.Insert(random.Next(records.Count + 1), (key, value));
        }

        world.ProduceOptOuts(input.OptedOutUsers);
        await using var worker = world.StartWorker();
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        await world.ProducePacedAsync(records, slice: 20_000);

        var counts = world.WaitForCounts(input.ExpectedCounts, TimeSpan.FromSeconds(FaultSizes.Pick(120, 600)));
        var deadLetters = world.DeadLetters(bad, TimeSpan.FromSeconds(60));
        output.WriteLine($"{records.Count:N0} raw records ({bad:N0} malformed: {input.ExpectedDeadLetters:N0} from the reference input, {flood.Count:N0} of the flood) "
            + $"processed in {clock.Elapsed.TotalSeconds:F0} s; {deadLetters.Count:N0} dead letters by reason: "
            + string.Join(", ", deadLetters.GroupBy(Reason).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}")));

        Assert.True(CountsReader.Matches(counts, input.ExpectedCounts), CountsReader.Difference(counts, input.ExpectedCounts));
        Assert.Equal(bad, deadLetters.Count);
        Assert.DoesNotContain(deadLetters, d => string.IsNullOrEmpty(Reason(d)));
        var expectedReason = flood.ToDictionary(f => f.Key, f => f.Reason, StringComparer.Ordinal);
        var flooded = deadLetters.Where(d => d.Message.Key is not null && expectedReason.ContainsKey(Encoding.UTF8.GetString(d.Message.Key))).ToList();
        Assert.Equal(flood.Count, flooded.Select(d => Encoding.UTF8.GetString(d.Message.Key)).Distinct().Count());
        Assert.All(flooded, d => Assert.Equal(expectedReason[Encoding.UTF8.GetString(d.Message.Key)], Reason(d)));
    }

    private static string? Reason(Confluent.Kafka.ConsumeResult<byte[], byte[]> record) =>
        record.Message.Headers.TryGetLastBytes(DeadLetterHeaders.Reason, out var reason) ? Encoding.UTF8.GetString(reason) : null;
}
