using System.Text;
using System.Text.Json;
using Aggregator.Demo;

namespace Aggregator.Tests.Demo;

public class ActivityGeneratorTests
{
    // Generated once: the bulk properties below are all checked on the same 100k default-option records.
    private static readonly Lazy<List<GeneratedRecord>> Default = new(() => GeneratorFixture.Run(new GeneratorOptions(), 42, 100_000));

    private static List<GeneratedRecord> Originals(IEnumerable<GeneratedRecord> records) =>
        records.Where(r => !r.Truth.IsMalformed && !r.Truth.IsDuplicate).ToList();

    [Fact]
    public void SameSeedAndClock_GiveTheSameRecords_ByteForByte()
    {
        var options = new GeneratorOptions { MalformedRatio = 0.05, DuplicateRatio = 0.05, Speed = 10, AnomalyAt = TimeSpan.FromMinutes(1) };

        var first = GeneratorFixture.Run(options, 7, 20_000);
        var second = GeneratorFixture.Run(options, 7, 20_000);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Key, second[i].Key);
            Assert.Equal(first[i].Value, second[i].Value);
            Assert.Equal(first[i].Truth, second[i].Truth);
        }
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentStreams()
    {
        var a = GeneratorFixture.Run(new GeneratorOptions(), 1, 1000);
        var b = GeneratorFixture.Run(new GeneratorOptions(), 2, 1000);

        Assert.True(a.Zip(b).Count(p => p.First.Value.AsSpan().SequenceEqual(p.Second.Value)) < 10);
    }

    [Fact]
    public void AllEventTypesAppear_InPlausibleProportions()
    {
        var originals = Originals(Default.Value);
        var share = EventTypes.All.ToDictionary(t => t, t => originals.Count(r => r.Truth.Type == t) / (double)originals.Count);

        Assert.InRange(share[EventTypes.PageView], 0.50, 0.70); // page views dominate
        Assert.InRange(share[EventTypes.Click], 0.15, 0.30);
        Assert.InRange(share[EventTypes.Search], 0.04, 0.12);
        Assert.InRange(share[EventTypes.AddToCart], 0.02, 0.08);
        Assert.InRange(share[EventTypes.Purchase], 0.003, 0.02); // purchases are rare
        Assert.InRange(share[EventTypes.Error], 0.008, 0.02); // errors ~1-2%
        Assert.True(share[EventTypes.Purchase] < share[EventTypes.AddToCart]);
    }

    [Fact]
    public void PagePopularity_IsSkewed_AndStableAcrossSeeds()
    {
        static List<string> TopPaths(IEnumerable<GeneratedRecord> records, out double top10Share)
        {
            var views = records.Where(r => r.Truth.Type == EventTypes.PageView).ToList();
            var ranked = views.GroupBy(r => r.Truth.Path).OrderByDescending(g => g.Count()).ToList();
            top10Share = ranked.Take(10).Sum(g => g.Count()) / (double)views.Count;
            return ranked.Select(g => g.Key).ToList();
        }

        var ranking = TopPaths(Originals(Default.Value), out var share);
        var other = TopPaths(Originals(GeneratorFixture.Run(new GeneratorOptions(), 99, 50_000)), out _);

        Assert.Equal("/", ranking[0]);
        Assert.InRange(share, 0.4, 0.8); // a long tail, but the top ten carry a large share
        Assert.True(ranking.Count > 300, "the catalogue's long tail should be visited");
        Assert.Equal(ranking.Take(3), other.Take(3));
        Assert.Contains(ranking.Take(10), p => p.StartsWith("/products/", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryValidRecord_SatisfiesTheContract_AndMatchesItsTruth()
    {
        var originals = Originals(Default.Value);
        var styles = new HashSet<JsonValueKind>();
        foreach (var record in originals)
        {
            var violation = RawEventContract.Violation(record.Value, out var timestamp);
            Assert.True(violation is null, violation + ": " + Encoding.UTF8.GetString(record.Value));
            Assert.Equal(record.Truth.EventTime, timestamp);

            var json = RawEventContract.Parse(record);
            Assert.Equal(record.Truth.Type, json.GetProperty("type").GetString());
            Assert.Contains(record.Truth.Type, EventTypes.All);
            styles.Add(json.GetProperty("timestamp").ValueKind);
            var user = json.TryGetProperty("userId", out var userId) ? userId.GetString() : json.GetProperty("anonymousId").GetString();
            Assert.Equal(record.Truth.User, user);
            if (record.Key is not null)
            {
                Assert.Equal(record.Truth.User, Encoding.UTF8.GetString(record.Key));
            }

            Assert.Equal(record.Truth.EventId, json.TryGetProperty("eventId", out var eventId) ? eventId.GetString() : null);
            var url = new Uri(json.GetProperty("url").GetString()!);
            Assert.Equal("shop.example.com", url.Host);
            Assert.Equal(record.Truth.Path, url.AbsolutePath);
        }

        Assert.Equal([JsonValueKind.String, JsonValueKind.Number], styles.Order());
    }

    [Fact]
    public void Records_LookLikeRealTraffic()
    {
        var originals = Originals(Default.Value);
        var values = originals.Take(40_000).Select(r => Encoding.UTF8.GetString(r.Value)).ToList();
        double Share(Func<string, bool> predicate) => values.Count(predicate) / (double)values.Count;

        Assert.InRange(originals.Count(r => r.Truth.EventId is not null) / (double)originals.Count, 0.95, 0.99);
        Assert.InRange(Default.Value.Count(r => r.Key is null) / (double)Default.Value.Count, 0.03, 0.07);
        Assert.InRange(Share(v => v.Contains("\"userId\":\"u-", StringComparison.Ordinal)), 0.5, 0.85);
        Assert.InRange(Share(v => !v.Contains("\"userId\"", StringComparison.Ordinal)), 0.15, 0.5); // anonymous visitors
        Assert.InRange(Share(v => v.Contains("email=", StringComparison.Ordinal) || v.Contains("token=", StringComparison.Ordinal)), 0.0005, 0.01);
        Assert.InRange(Share(v => v.Contains("utm_source=", StringComparison.Ordinal)), 0.005, 0.1);
        Assert.True(Share(v => v.Contains("\"appVersion\"", StringComparison.Ordinal) || v.Contains("\"experiment\"", StringComparison.Ordinal)) > 0.02);
        foreach (var agent in new[] { "Chrome/", "Firefox/", "Edg/", "iPhone", "iPad", "Android 14; Pixel", "SM-X710", "SamsungBrowser", "Googlebot", "curl/" })
        {
            Assert.Contains(values, v => v.Contains(agent, StringComparison.Ordinal));
        }

        foreach (var referrer in new[] { "google.com", "facebook.com", "newsletter" })
        {
            Assert.Contains(values, v => v.Contains("\"referrer\":\"https://" + (referrer == "newsletter" ? "newsletter.example.com" : referrer.StartsWith('g') ? "www." + referrer : "l." + referrer), StringComparison.Ordinal));
        }

        var ips = originals.Select(r => RawEventContract.Parse(r)).Where(j => j.TryGetProperty("ip", out _))
            .Select(j => System.Net.IPAddress.Parse(j.GetProperty("ip").GetString()!)).ToList();
        Assert.InRange(ips.Count(ip => ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) / (double)ips.Count, 0.03, 0.25);
        Assert.Contains(values, v => v.Contains("\"productId\"", StringComparison.Ordinal) && v.Contains("\"price\"", StringComparison.Ordinal));
        Assert.Contains(values, v => v.Contains("\"orderId\":\"o-", StringComparison.Ordinal) && v.Contains("\"amount\"", StringComparison.Ordinal) && v.Contains("\"currency\"", StringComparison.Ordinal));
        Assert.Contains(values, v => v.Contains("\"query\"", StringComparison.Ordinal) && v.Contains("/search?q=", StringComparison.Ordinal));
        Assert.Contains(values, v => v.Contains("\"elementId\"", StringComparison.Ordinal));
        Assert.Contains(values, v => v.Contains("\"code\":", StringComparison.Ordinal) && v.Contains("\"message\"", StringComparison.Ordinal) && v.Contains("\"path\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Bots_NeverLogIn_AndOnlyViewPages()
    {
        var bots = Originals(Default.Value).Where(r => r.Value.AsSpan().IndexOf("Googlebot"u8) >= 0 || r.Value.AsSpan().IndexOf("curl/"u8) >= 0).ToList();

        Assert.NotEmpty(bots);
        Assert.All(bots, r => Assert.Equal(EventTypes.PageView, r.Truth.Type));
        Assert.All(bots, r => Assert.False(r.Truth.User.StartsWith("u-", StringComparison.Ordinal)));
    }

    [Fact]
    public void MalformedRecords_BreakTheContract_InEveryWay()
    {
        var malformed = Default.Value.Where(r => r.Truth.IsMalformed).ToList();
        var more = GeneratorFixture.Run(new GeneratorOptions { MalformedRatio = 0.3 }, 5, 5000).Where(r => r.Truth.IsMalformed);

        Assert.All(malformed.Concat(more), r => Assert.NotNull(RawEventContract.Violation(r.Value)));
        Assert.Equal(MalformedRecords.Kinds.Order(), malformed.Concat(more).Select(r => r.Truth.Malformed).Distinct().Order());
        Assert.All(malformed, r => Assert.Null(r.Truth.Type));
    }

    [Theory]
    [InlineData(0.005)]
    [InlineData(0.05)]
    public void MalformedRatio_IsRespected(double ratio)
    {
        var records = ratio == 0.005 ? Default.Value : GeneratorFixture.Run(new GeneratorOptions { MalformedRatio = ratio }, 3, 100_000);

        var actual = records.Count(r => r.Truth.IsMalformed) / (double)records.Count;

        Assert.InRange(actual, ratio * 0.85, ratio * 1.15);
    }

    [Fact]
    public void Duplicates_RepeatAnEarlierEventIdAndItsBytes_AtTheConfiguredRatio()
    {
        var records = GeneratorFixture.Run(new GeneratorOptions { DuplicateRatio = 0.05 }, 11, 100_000);
        var seen = new Dictionary<string, GeneratedRecord>(StringComparer.Ordinal);
        var duplicates = 0;

        foreach (var record in records.Where(r => !r.Truth.IsMalformed))
        {
            if (!record.Truth.IsDuplicate)
            {
                if (record.Truth.EventId is { } id)
                {
                    Assert.True(seen.TryAdd(id, record), "eventIds of original events are unique");
                }

                continue;
            }

            duplicates++;
            Assert.NotNull(record.Truth.EventId);
            Assert.True(seen.TryGetValue(record.Truth.EventId!, out var original), "a duplicate repeats an event sent before it");
            Assert.Equal(original.Value, record.Value);
            Assert.Equal(original.Key, record.Key);
        }

        Assert.InRange(duplicates / (double)records.Count, 0.0425, 0.0575);
    }

    [Fact]
    public void ZeroRatios_GiveACleanStream()
    {
        var records = GeneratorFixture.Run(new GeneratorOptions { MalformedRatio = 0, DuplicateRatio = 0 }, 4, 20_000);

        Assert.DoesNotContain(records, r => r.Truth.IsMalformed || r.Truth.IsDuplicate);
        Assert.All(records, r => Assert.Null(RawEventContract.Violation(r.Value)));
    }

    [Fact]
    public void EventTime_FollowsTheReplayClock_AndIsNeverInTheFuture()
    {
        var options = new GeneratorOptions { Speed = 10 };
        var (generator, time) = GeneratorFixture.Create(options, 8);
        var lateOverTenSeconds = 0;

        for (var i = 0; i < 50_000; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10)); // 500 s of wall time: past the 200 s catch-up
            var record = generator.Next();
            if (record.Truth.IsDuplicate)
            {
                continue;
            }

            var clockNow = generator.Clock.Now;
            Assert.True(record.Truth.EventTime <= time.GetUtcNow(), "event time must never be in the future");
            Assert.True(record.Truth.EventTime <= clockNow);
            Assert.True(record.Truth.EventTime > clockNow - TimeSpan.FromMinutes(3), "no event is more than 3 minutes late");
            lateOverTenSeconds += record.Truth.EventTime < clockNow - TimeSpan.FromSeconds(10) ? 1 : 0;
        }

        Assert.InRange(lateOverTenSeconds / 50_000.0, 0.001, 0.01); // a few late arrivals for the windows' grace period
        Assert.Equal(time.GetUtcNow(), generator.Clock.Now);
    }

    [Fact]
    public void Anomaly_BurstsCheckoutErrors_OnlyInsideItsWindow()
    {
        var options = new GeneratorOptions
        {
            Speed = 10,
            AnomalyAt = TimeSpan.FromMinutes(10),
            AnomalyFor = TimeSpan.FromMinutes(5),
            AnomalyMultiplier = 20,
            MalformedRatio = 0,
            DuplicateRatio = 0,
        };
        // 100k records over 180 s of wall time = the 30 minutes of event time before the replay catches up.
        var (generator, time) = GeneratorFixture.Create(options, 13);
        var records = new List<GeneratedRecord>();
        for (var i = 0; i < 100_000; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1.8));
            records.Add(generator.Next());
        }

        var window = generator.Anomaly!;
        Assert.Equal(generator.Clock.EventStart.AddMinutes(10), window.Start);
        Assert.Equal(generator.Clock.EventStart.AddMinutes(15), window.End);
        var injected = records.Where(r => r.Truth.IsAnomaly).ToList();
        Assert.NotEmpty(injected);
        Assert.All(injected, r =>
        {
            Assert.InRange(r.Truth.EventTime, window.Start.AddSeconds(-1), window.End); // -1 s: timestamps written to the second
            Assert.Equal(EventTypes.Error, r.Truth.Type);
            Assert.Equal("/checkout", r.Truth.Path);
            Assert.Null(RawEventContract.Violation(r.Value));
        });

        bool IsCheckoutError(GeneratedRecord r) => r.Truth.Type == EventTypes.Error && r.Truth.Path == "/checkout";
        var inside = records.Where(r => window.Contains(r.Truth.EventTime)).ToList();
        var outside = records.Where(r => !window.Contains(r.Truth.EventTime)).ToList();
        var insideShare = inside.Count(IsCheckoutError) / (double)inside.Count;
        var outsideShare = outside.Count(IsCheckoutError) / (double)outside.Count;
        Assert.InRange(outsideShare, ActivityGenerator.BaselineCheckoutErrorShare * 0.6, ActivityGenerator.BaselineCheckoutErrorShare * 1.4);
        Assert.InRange(insideShare / outsideShare, 14, 26);
    }

    [Fact]
    public void NoAnomaly_UnlessConfigured()
    {
        var (generator, _) = GeneratorFixture.Create(new GeneratorOptions { Speed = 10 }, 1);

        Assert.Null(generator.Anomaly);
        Assert.DoesNotContain(Default.Value, r => r.Truth.IsAnomaly);
    }

    [Fact]
    public void OptedOutUsers_AreGeneratedLikeEveryoneElse_AndMarked()
    {
        var options = new GeneratorOptions { Users = 200 };
        options.OptedOutUsers.Add("u-000001");
        options.OptedOutUsers.Add("u-000002");

        var records = GeneratorFixture.Run(options, 21, 20_000).Where(r => !r.Truth.IsMalformed).ToList();

        var optedOut = records.Where(r => r.Truth.IsOptedOut).ToList();
        Assert.NotEmpty(optedOut);
        Assert.Equal(["u-000001", "u-000002"], optedOut.Select(r => r.Truth.User).Distinct().Order());
        Assert.DoesNotContain(records, r => !r.Truth.IsOptedOut && options.OptedOutUsers.Contains(r.Truth.User));
    }

    [Fact]
    public void Sessions_RotateAfterThirtyMinutesOfInactivity()
    {
        var options = new GeneratorOptions { Users = 1, MalformedRatio = 0, DuplicateRatio = 0 };
        var (generator, time) = GeneratorFixture.Create(options, 5);
        string Session()
        {
            time.Advance(TimeSpan.FromSeconds(5));
            return RawEventContract.Parse(generator.Next()).GetProperty("sessionId").GetString()!;
        }

        var first = Session();
        Assert.All(Enumerable.Range(0, 100).Select(_ => Session()), s => Assert.Equal(first, s)); // visits end, the session goes on
        time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(first, Session());
        time.Advance(TimeSpan.FromMinutes(31));
        var second = Session();
        Assert.NotEqual(first, second);
        Assert.Equal(second, Session());
    }

    [Fact]
    public void Users_ComeFromThePopulation()
    {
        var users = Originals(Default.Value).Select(r => r.Truth.User).Distinct().ToList();
        var loggedIn = users.Where(u => u.StartsWith("u-", StringComparison.Ordinal)).ToList();

        Assert.InRange(users.Count, 1000, 5000);
        Assert.All(loggedIn, u => Assert.InRange(int.Parse(u[2..], System.Globalization.CultureInfo.InvariantCulture), 1, 3500));
        Assert.All(users.Except(loggedIn), u => Assert.True(Guid.TryParse(u, out _), u));
    }
}
