using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Aggregator.IntegrationTests.Faults;
using Aggregator.IntegrationTests.Infrastructure;

namespace Aggregator.IntegrationTests.Privacy;

/// <summary>
/// Issue 14 on the embedded broker with two instances: 1,000 people opt out mid-stream, half by their userId and half by
/// their anonymousId. Once both instances have read the opt-outs, none of those people's events — carrying the userId,
/// the anonymousId or both, valid or malformed — reaches activity.refined, activity.dlq or activity.counts, while
/// everyone else's do; and privacy.erasures holds exactly one notice per opted-out identity.
/// </summary>
/// <remarks>
/// Phase 1: everyone's events (paths <c>/before</c>). Phase 2: the opt-outs are produced amid the other people's traffic.
/// Phase 3: once both instances report every opt-out read, each person sends one event with only the userId, one with
/// only the anonymousId, one with both (path <c>/after-kept</c> or <c>/after-opted-out</c>) and one malformed (no
/// timestamp). The opted-out people's phase-3 path must never be counted.
/// </remarks>
[Collection(FaultsCollection.Name)]
public sealed class OptOutByAnyIdentityTests(ITestOutputHelper output)
{
    private const int People = 3_000;
    private const int OptingOut = 1_000;

    [Fact]
    public async Task OptOutsByUserIdOrAnonymousId_ReadByTwoInstances_DropEveryLaterRecordOfThosePeople_AndNoticeEachOnce()
    {
        var random = new Random(FaultSizes.Seed);
        using var world = FaultSizes.World(output, partitions: 6);
        var optingOut = Enumerable.Range(0, People).OrderBy(_ => random.Next()).Take(OptingOut).ToHashSet();
        // Half by userId, half by anonymousId.
        var identities = optingOut.Select((person, i) => i % 2 == 0 ? UserId(person) : AnonymousId(person)).ToList();
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);

        world.Produce(Enumerable.Range(0, People).Select(p => Event($"before-{p}", start, p, "/before", UserId(p), AnonymousId(p))));
        await using var a = world.StartWorker("a");
        await using var b = world.StartWorker("b");
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), "a");
        await world.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), "b");
        Assert.Equal(People, world.RefinedEventIds(People, TimeSpan.FromSeconds(90)).Count);

        // Phase 2: opt-outs amid other people's traffic.
        var clock = Stopwatch.StartNew();
        var others = Enumerable.Range(0, People).Where(p => !optingOut.Contains(p)).ToList();
        var traffic = Task.Run(() => world.Produce(others.Select(p => Event($"during-{p}", start.AddMinutes(5), p, "/during", UserId(p), null))));
        world.ProduceOptOuts(identities);
        await WaitForOptOutsReadAsync(world, "a");
        await WaitForOptOutsReadAsync(world, "b");
        await traffic;
        output.WriteLine($"{OptingOut:N0} opt-outs read by both instances {clock.Elapsed.TotalSeconds:F1} s after they were first produced");

        // Phase 3: every person's events in every identity form, and a malformed one naming both identities. An event is
        // the opted-out identity's when it names it: a person opted out by anonymousId still sends userId-only events that
        // name no opted-out identity (linking identities is the privacy service's job: docs/privacy.md).
        var t3 = start.AddMinutes(10);
        var byUser = optingOut.Where((_, i) => i % 2 == 0).ToHashSet();
        bool Dropped(int p, bool namesUser, bool namesAnonymous) =>
            optingOut.Contains(p) && (byUser.Contains(p) ? namesUser : namesAnonymous);
        var phase3 = new List<(string Id, int Person, bool NamesUser, bool NamesAnonymous)>();
        foreach (var p in Enumerable.Range(0, People))
        {
            phase3.Add(($"user-{p}", p, true, false));
            phase3.Add(($"anon-{p}", p, false, true));
            phase3.Add(($"both-{p}", p, true, true));
        }

        var kept = phase3.Where(e => !Dropped(e.Person, e.NamesUser, e.NamesAnonymous)).ToList();
        var records = phase3.Select(e => Event(e.Id, t3, e.Person, Dropped(e.Person, e.NamesUser, e.NamesAnonymous) ? "/after-opted-out" : "/after-kept",
                e.NamesUser ? UserId(e.Person) : null, e.NamesAnonymous ? AnonymousId(e.Person) : null))
            .Concat(Enumerable.Range(0, People).Select(p => Malformed($"bad-{p}", UserId(p), AnonymousId(p))))
            .OrderBy(_ => random.Next()).ToList();
        Assert.Equal(People * 3 - OptingOut * 2, kept.Count); // the scenario drops what it means to: 2 of 3 forms per person
        world.Produce(records);

        var expectedRefined = Enumerable.Range(0, People).Select(p => $"before-{p}")
            .Concat(others.Select(p => $"during-{p}"))
            .Concat(kept.Select(e => e.Id))
            .ToList();
        world.AssertRefinedHolds(expectedRefined, TimeSpan.FromSeconds(120));

        // Dead letters: every kept person's malformed event, none of an opted-out person's; the metric counts those withheld.
        var deadLetters = world.DeadLetters(others.Count, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        deadLetters = world.DeadLetters(others.Count, TimeSpan.FromSeconds(10));
        var deadIds = deadLetters.Select(r => JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("eventId").GetString()!).ToList();
        Assert.Equal(others.Select(p => $"bad-{p}").Order(StringComparer.Ordinal), deadIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var withheld = (await world.MetricAsync("aggregator_events_dead_letters_withheld_total", instance: "a") ?? 0)
            + (await world.MetricAsync("aggregator_events_dead_letters_withheld_total", instance: "b") ?? 0);
        Assert.True(withheld >= OptingOut, $"only {withheld} malformed records of opted-out people were counted as withheld dead letters, expected {OptingOut}");

        // Counts: some window holds every kept phase-3 event (they span seconds), and the dropped ones' path never appears.
        var counts = CountsReader.Latest(world.Kafka.ReadAll(world.CountsTopic,
            all => CountsReader.Latest(all).Any(c => c.Key.StartsWith("page_view|/after-kept@", StringComparison.Ordinal) && c.Value >= kept.Count),
            TimeSpan.FromSeconds(90)));
        Assert.Contains(counts, c => c.Key.StartsWith("page_view|/after-kept@", StringComparison.Ordinal) && c.Value == kept.Count);
        Assert.DoesNotContain(counts, c => c.Key.Contains("/after-opted-out", StringComparison.Ordinal));

        // Erasure notices: exactly one per opted-out identity across both instances (read until they are all there, then a
        // little longer so a second copy would be seen).
        var notices = world.Kafka.ReadAll(world.ErasuresTopic, records => records.Count >= OptingOut, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3));
        notices = world.Kafka.ReadAll(world.ErasuresTopic, records => records.Count >= OptingOut, TimeSpan.FromSeconds(5));
        var keys = notices.Select(r => Encoding.UTF8.GetString(r.Message.Key)).ToList();
        output.WriteLine($"erasure notices: {keys.Count:N0} for {keys.Distinct(StringComparer.Ordinal).Count():N0} identities");
        Assert.Equal(identities.OrderBy(i => i, StringComparer.Ordinal), keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    private static string UserId(int person) => $"u-{person:D4}";

    private static string AnonymousId(int person) => $"a-{person:D4}";

    private static (string? Key, byte[] Value) Event(string eventId, DateTimeOffset time, int person, string path, string? userId, string? anonymousId)
    {
        var fields = new Dictionary<string, object>
        {
            ["eventId"] = eventId,
            ["type"] = "page_view",
            ["timestamp"] = time.AddMilliseconds(person).ToString("O", CultureInfo.InvariantCulture),
            ["url"] = "https://shop.example.com" + path,
        };
        if (userId is not null)
        {
            fields["userId"] = userId;
        }

        if (anonymousId is not null)
        {
            fields["anonymousId"] = anonymousId;
        }

        return (null, JsonSerializer.SerializeToUtf8Bytes(fields));
    }

    // No timestamp: rejected, yet it names the person.
    private static (string? Key, byte[] Value) Malformed(string eventId, string userId, string anonymousId) =>
        (null, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["eventId"] = eventId, ["type"] = "page_view", ["userId"] = userId, ["anonymousId"] = anonymousId }));

    private static async Task WaitForOptOutsReadAsync(WorkerWorld world, string instance)
    {
        var clock = Stopwatch.StartNew();
        while ((await world.MetricAsync("aggregator_streams_global_records_loaded_total", instance: instance) ?? 0) < OptingOut)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"instance {instance} did not read {OptingOut:N0} opt-out records within a minute");
            await Task.Delay(100);
        }
    }
}
