using System.Text;
using Aggregator.Activity;
using Microsoft.Extensions.Time.Testing;
using static Aggregator.Tests.Activity.TestEvents;

namespace Aggregator.Tests.Activity;

public sealed class ActivityRefinerTests
{
    private static readonly SourcePosition Source = new("activity.raw", 3, 12345);

    private static ActivityRefiner Refiner(FakeTimeProvider? time = null, PrivacyOptions? privacy = null) =>
        ActivityRefiner.Create(timeProvider: time ?? new FakeTimeProvider(Ingest), privacy: privacy);

    private static RefinedEvent RefineValid(string json, PrivacyOptions? privacy = null)
    {
        var result = Refiner(privacy: privacy).Refine(null, Encoding.UTF8.GetBytes(json), Source);
        Assert.True(result.IsRefined, result.Rejection?.ToString());
        return result.Event;
    }

    [Fact]
    public void Refine_ProducesContractRecord_FromFullRawEvent()
    {
        var raw = """
            {"eventId":"e-1","type":"page_view","timestamp":"2026-11-21T10:05:00.123+09:00","userId":"u-1","anonymousId":"a-1",
             "sessionId":"s-1","url":"https://user:pw@Shop.Example.com:8443/Products/42?utm_source=news&email=a%40b.c&ref=home#reviews",
             "referrer":"https://www.google.com/search?q=shoes","userAgent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
             "ip":"203.0.113.77","properties":{"price": 12.50},"appVersion":"3.2.1"}
            """;

        var bytes = RefinedEventSerializer.Serialize(RefineValid(raw));

        Assert.Equal(
            """{"eventId":"e-1","type":"page_view","userId":"u-1","anonymousId":"a-1","sessionId":"s-1","eventTime":"2026-11-21T01:05:00.123Z","ingestTime":"2026-11-21T10:00:00.000Z","page":{"host":"shop.example.com","path":"/Products/42","query":"utm_source=news&ref=home"},"referrerHost":"www.google.com","device":{"class":"mobile","browser":"Safari","os":"iOS"},"ip":"203.0.113.0","properties":{"price": 12.50},"appVersion":"3.2.1"}""",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Refine_KeysByUserId_ElseAnonymousId()
    {
        var both = Refiner().Refine(null, Encoding.UTF8.GetBytes(Minimal("\"anonymousId\":\"a-9\"")), Source);
        var anonymous = Refiner().Refine(
            null, Encoding.UTF8.GetBytes("""{"type":"t","timestamp":"2026-11-21T09:00:00Z","anonymousId":"a-9"}"""), Source);

        Assert.Equal("u-1", both.Key);
        Assert.Equal("a-9", anonymous.Key);
        Assert.Null(anonymous.Event!.UserId);
    }

    [Fact]
    public void Refine_GeneratesSameEventId_ForAnIdenticalResend()
    {
        var value = Encoding.UTF8.GetBytes(Minimal());
        var refiner = Refiner();

        var first = refiner.Refine(null, value, Source).Event!;
        var resend = refiner.Refine(null, value.ToArray(), new SourcePosition("activity.raw", 0, 99)).Event!;
        var different = refiner.Refine(null, Encoding.UTF8.GetBytes(Minimal("\"x\":1")), Source).Event!;

        Assert.Equal(EventIdGenerator.FromRawValue(value), first.EventId);
        Assert.Equal(first.EventId, resend.EventId);
        Assert.NotEqual(first.EventId, different.EventId);
    }

    [Fact]
    public void Refine_KeepsGivenEventId()
    {
        Assert.Equal("evt-42", RefineValid(Minimal("\"eventId\":\"evt-42\"")).EventId);
    }

    [Fact]
    public void Refine_TakesIngestTime_FromTimeProvider_TruncatedToMilliseconds()
    {
        var time = new FakeTimeProvider(Ingest.AddTicks(12_345_678));

        var refined = Refiner(time).Refine(null, Encoding.UTF8.GetBytes(Minimal()), Source).Event!;

        Assert.Equal(Ingest.AddMilliseconds(1234), refined.IngestTime);
    }

    [Fact]
    public void Refine_MeasuresTimestampBounds_FromTheIngestTime()
    {
        var value = Encoding.UTF8.GetBytes(Minimal());
        var refiner = Refiner(new FakeTimeProvider(Ingest.AddDays(31)));

        Assert.Equal(RejectionCodes.TimestampTooOld, refiner.Refine(null, value, Source).Rejection!.Code);
        Assert.True(refiner.Refine(null, value, Source, Ingest).IsRefined);
    }

    [Fact]
    public void Refine_OmitsPageDeviceReferrerAndIp_WhenAbsent()
    {
        var refined = RefineValid(Minimal());

        Assert.Null(refined.Page);
        Assert.Null(refined.Device);
        Assert.Null(refined.ReferrerHost);
        Assert.Null(refined.Ip);
        Assert.Equal(
            """{"eventId":"gen-","type":"page_view","userId":"u-1","eventTime":"2026-11-21T09:59:00.000Z","ingestTime":"2026-11-21T10:00:00.000Z"}""",
            Encoding.UTF8.GetString(RefinedEventSerializer.Serialize(refined)).Replace(refined.EventId, "gen-", StringComparison.Ordinal));
    }

    [Fact]
    public void Refine_ParsesRelativeUrl_WithEmptyHost()
    {
        var refined = RefineValid(Minimal("\"url\":\"/products/42?x=1&token=t\""));

        Assert.Equal(new PageInfo("", "/products/42", "x=1"), refined.Page);
    }

    [Fact]
    public void Refine_OmitsInvalidIp_WithoutRejecting()
    {
        Assert.Null(RefineValid(Minimal("\"ip\":\"not-an-ip\"")).Ip);
    }

    [Fact]
    public void Refine_MasksIPv6()
    {
        Assert.Equal("2001:db8:85a3::", RefineValid(Minimal("\"ip\":\"2001:db8:85a3::8a2e:370:7334\"")).Ip);
    }

    [Fact]
    public void Refine_OmitsReferrerHost_ForRelativeReferrer()
    {
        Assert.Null(RefineValid(Minimal("\"referrer\":\"/home\"")).ReferrerHost);
    }

    [Fact]
    public void Refine_ClassifiesDevice_WhenUserAgentPresent()
    {
        Assert.Equal(new DeviceInfo("bot", "other", "other"), RefineValid(Minimal("\"userAgent\":\"curl/8.5.0\"")).Device);
    }

    [Fact]
    public void Refine_CarriesAllowedPropertiesAndUnknownFields_ByteForByte()
    {
        const string properties = """{ "a": [1, 2.50], "b": "\u00e9" }""";
        const string unknown = """{"nested" : true}""";

        var json = Encoding.UTF8.GetString(RefinedEventSerializer.Serialize(
            RefineValid(Minimal($"\"properties\":{properties},\"context\":{unknown},\"v\":1e2"), new PrivacyOptions { AllowedProperties = ["a", "b"] })));

        Assert.EndsWith($",\"properties\":{properties},\"context\":{unknown},\"v\":1e2}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Refine_RejectedRecord_CarriesOriginalBytes_WhenDlqKeepRawIsSet()
    {
        var value = Encoding.UTF8.GetBytes("""{"type":"t","timestamp":0,"userId":"u","ip":"203.0.113.7"}""");

        var result = Refiner(privacy: new PrivacyOptions { DlqKeepRaw = true }).Refine(null, value, Source);

        Assert.Same(value, result.DeadLetter!.Value);
        Assert.Equal("raw", Encoding.UTF8.GetString(result.DeadLetter.Headers.Single(h => h.Key == DeadLetterHeaders.Payload).Value));
    }

    [Fact]
    public void Refine_RejectedRecord_CarriesOriginalKey_MaskedValueAndHeaders()
    {
        var key = Encoding.UTF8.GetBytes("k");
        var value = Encoding.UTF8.GetBytes("""{"type":"t","timestamp":0,"userId":"u","ip":"203.0.113.7"}""");

        var result = Refiner().Refine(key, value, Source);

        Assert.False(result.IsRefined);
        Assert.Null(result.Event);
        Assert.Same(key, result.DeadLetter.Key);
        Assert.Equal("""{"type":"t","timestamp":0,"userId":"u","ip":"203.0.113.0"}""", Encoding.UTF8.GetString(result.DeadLetter.Value!));
        Assert.Equal(RejectionCodes.TimestampTooOld, result.Rejection.Code);
        var headers = result.DeadLetter.Headers.ToDictionary(h => h.Key, h => Encoding.UTF8.GetString(h.Value));
        Assert.Equal("timestamp_too_old", headers[DeadLetterHeaders.Reason]);
        Assert.Equal(result.Rejection.Detail, headers[DeadLetterHeaders.Detail]);
        Assert.Equal("activity.raw", headers[DeadLetterHeaders.SourceTopic]);
        Assert.Equal("3", headers[DeadLetterHeaders.SourcePartition]);
        Assert.Equal("12345", headers[DeadLetterHeaders.SourceOffset]);
        Assert.Equal("2026-11-21T10:00:00.000Z", headers[DeadLetterHeaders.Time]);
        Assert.Equal("masked", headers[DeadLetterHeaders.Payload]);
    }

    [Fact]
    public void Refine_RejectsNullValue_AsNotJson()
    {
        var result = Refiner().Refine(null, null, Source);

        Assert.Equal(RejectionCodes.NotJson, result.Rejection!.Code);
        Assert.Null(result.DeadLetter!.Value);
    }

    [Fact]
    public void Refine_KeepsGoing_AfterBadRecords()
    {
        var refiner = Refiner();
        string[] inputs = ["garbage", "[]", Minimal(), "{\"type\":1}", Minimal("\"url\":5"), Minimal("\"eventId\":\"e2\"")];

        var outcomes = inputs.Select(i => refiner.Refine(null, Encoding.UTF8.GetBytes(i), Source)).ToList();

        Assert.Equal([false, false, true, false, false, true], outcomes.Select(o => o.IsRefined));
    }
}
