using System.Diagnostics;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Pipeline;

namespace Aggregator.IntegrationTests.Faults;

/// <summary>
/// Brokers going away under a running worker (a 3-broker embedded cluster): with one down, partitions it leads stall
/// and processing resumes within 10 s of its return; with all down, the worker waits — alive, reporting not ready
/// with "no broker reachable since …" — and recovers. Either way input produced during the outage is counted exactly.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class BrokerOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ResumeBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task OneBrokerDown_ThenUp_NothingLost_ProcessingResumesWithin10s()
    {
        var outage = TimeSpan.FromSeconds(FaultSizes.Pick(10, 30));
        using var world = FaultSizes.World(output, brokers: 3, partitions: FaultSizes.Pick(6, 12));
        var (input, first, second) = Split(FaultSizes.Pick(20_000, 60_000));
        await using var worker = await StartWithFirstHalfAsync(world, input, first);

        world.Kafka.Cluster.SetBrokerDown(2);
        var producing = Task.Run(() => world.Produce(second));
        var stalled = await WaitOutAsync(world, outage);
        world.Kafka.Cluster.SetBrokerUp(2);
        var up = Stopwatch.StartNew();
        var resumed = await TimeToProgressAsync(world, stalled);
        var counts = world.WaitForCountsAtLeast(input.ExpectedCounts, TimeSpan.FromSeconds(90));
        var caughtUp = up.Elapsed;
        await producing;
        output.WriteLine($"broker 2 down {outage.TotalSeconds:F0} s; processing {(stalled is null ? "kept moving (not stalled)" : "stalled")}; "
            + $"resumed {resumed.TotalSeconds:F1} s and counts complete {caughtUp.TotalSeconds:F1} s after the broker came back; {Overshoot(counts, input)}");

        // One broker down is no reason to stop: the worker once exited 0 here, its lag monitor faulted by a wrapped KafkaException.
        Assert.False(worker.HasExited, "the worker stopped during a one-broker outage" + WorkerTail(worker));
        // At-least-once on the embedded broker (its transactions are not real): a failure may replay, never lose.
        Assert.True(CountsReader.AtLeast(counts, input.ExpectedCounts), CountsReader.Difference(counts, input.ExpectedCounts, atLeast: true) + WorkerTail(worker));
        Assert.True(resumed <= ResumeBound, $"processing resumed only after {resumed.TotalSeconds:F1} s");
        world.AssertRefinedHolds(input.ExpectedRefined.Keys, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AllBrokersDown_WorkerWaitsNotReady_ThenRecovers_NothingLost()
    {
        var outage = TimeSpan.FromSeconds(FaultSizes.Pick(15, 30));
        using var world = FaultSizes.World(output, brokers: 3, partitions: FaultSizes.Pick(6, 12));
        var (input, first, second) = Split(FaultSizes.Pick(20_000, 60_000));
        await using var worker = await StartWithFirstHalfAsync(world, input, first);

        foreach (var broker in new[] { 1, 2, 3 })
        {
            world.Kafka.Cluster.SetBrokerDown(broker);
        }

        var down = Stopwatch.StartNew();
        var producing = Task.Run(() => world.Produce(second));
        string? notReadyDetail = null;
        while (down.Elapsed < outage)
        {
            var (ready, detail) = await world.ReadinessAsync();
            if (!ready && detail?.StartsWith("no broker reachable since", StringComparison.Ordinal) == true)
            {
                notReadyDetail ??= $"{detail} (after {down.Elapsed.TotalSeconds:F1} s)";
            }

            await Task.Delay(250);
        }

        Assert.False(worker.HasExited, "the worker gave up while the brokers were down:\n" + worker.StandardError);
        foreach (var broker in new[] { 1, 2, 3 })
        {
            world.Kafka.Cluster.SetBrokerUp(broker);
        }

        var up = Stopwatch.StartNew();
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        var readyAgain = up.Elapsed;
        var counts = world.WaitForCountsAtLeast(input.ExpectedCounts, TimeSpan.FromSeconds(90));
        await producing;
        output.WriteLine($"all brokers down {outage.TotalSeconds:F0} s; readiness said: {notReadyDetail ?? "(never not-ready)"}; "
            + $"ready again {readyAgain.TotalSeconds:F1} s and counts complete {up.Elapsed.TotalSeconds:F1} s after the brokers came back; {Overshoot(counts, input)}");

        Assert.NotNull(notReadyDetail);
        // At-least-once on the embedded broker (its transactions are not real): a failure may replay, never lose.
        Assert.True(CountsReader.AtLeast(counts, input.ExpectedCounts), CountsReader.Difference(counts, input.ExpectedCounts, atLeast: true));
        world.AssertRefinedHolds(input.ExpectedRefined.Keys, TimeSpan.FromSeconds(30));
        worker.Signal("TERM");
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    // What the worker said last, for a failure that only shows on a busy machine.
    private static string WorkerTail(Infrastructure.AppProcess worker)
    {
        var lines = (worker.StandardOutput + worker.StandardError).Split('\n');
        return $"\nworker {(worker.HasExited ? "exited" : "running")}; its last lines:\n" + string.Join('\n', lines.TakeLast(60));
    }

    private static string Overshoot(Dictionary<string, long> counts, ActivityInput input)
    {
        var (over, excess, most) = CountsReader.Overshoot(counts, input.ExpectedCounts);
        return $"overshoot: {over:N0} of {input.ExpectedCounts.Count:N0} (key, window) counts above the truth, +{excess:N0} in all, at most +{most:N0} in one";
    }

    private static (ActivityInput Input, List<(string? Key, byte[] Value)> First, List<(string? Key, byte[] Value)> Second) Split(int events)
    {
        var input = ActivityInput.Generate(events, users: 400, minutes: 30, FaultSizes.Seed, DateTimeOffset.UtcNow.AddMinutes(-50));
        var half = input.Records.Count / 2;
        return (input, input.Records[..half], input.Records[half..]);
    }

    /// <summary>A worker that has processed the first half of the input (its refined events are all out).</summary>
    private async Task<Infrastructure.AppProcess> StartWithFirstHalfAsync(WorkerWorld world, ActivityInput input, List<(string? Key, byte[] Value)> first)
    {
        world.ProduceOptOuts(input.OptedOutUsers);
        world.Produce(first);
        var worker = world.StartWorker();
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var expected = ReferenceCounts.ExpectedRefined(input, first);
        var refined = world.RefinedEventIds(expected, TimeSpan.FromSeconds(60));
        Assert.Equal(expected, refined.Count);
        output.WriteLine($"first half processed: {refined.Count:N0} refined events");
        return worker;
    }

    /// <summary>Waits the outage out; returns the processed count if processing had stalled (unchanged for its last 2 s), else null.</summary>
    private static async Task<double?> WaitOutAsync(WorkerWorld world, TimeSpan outage)
    {
        var until = DateTime.UtcNow + outage;
        var samples = new List<(DateTime At, double? Processed)>();
        while (DateTime.UtcNow < until)
        {
            samples.Add((DateTime.UtcNow, await world.ProcessedAsync()));
            await Task.Delay(200);
        }

        var recent = samples.Where(s => s.At >= until - TimeSpan.FromSeconds(2)).Select(s => s.Processed).ToList();
        return recent.Count > 0 && recent.All(p => p is not null && p == recent[0]) ? recent[0] : null;
    }

    /// <summary>Time until the processed count moves past where it stalled (zero when it never stalled).</summary>
    private static async Task<TimeSpan> TimeToProgressAsync(WorkerWorld world, double? stalledAt)
    {
        var clock = Stopwatch.StartNew();
        if (stalledAt is null)
        {
            return TimeSpan.Zero;
        }

        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !(await world.ProcessedAsync() > stalledAt))
        {
            await Task.Delay(100);
        }

        return clock.Elapsed;
    }
}
