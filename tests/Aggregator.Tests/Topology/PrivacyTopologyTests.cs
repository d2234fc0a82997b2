using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Aggregator.Tests.Topology;

/// <summary>Issue 14 on the test driver: opt-out by any identity, nothing of an opted-out person in the DLQ, masked dead letters, the property allow-list.</summary>
public sealed class PrivacyTopologyTests : IDisposable
{
    private static readonly DateTimeOffset T0 = ActivityTopologyFixture.T0;
    private readonly ActivityTopologyFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void OptOut_ByAnonymousId_DropsEveryEventNamingIt_WithOrWithoutAUserId()
    {
        _f.OptOut("anon-1");

        _f.PipeRaw(Event(T0.AddSeconds(1), userId: null, anonymousId: "anon-1"));
        _f.PipeRaw(Event(T0.AddSeconds(2), userId: "u-1", anonymousId: "anon-1"));
        _f.PipeRaw(Event(T0.AddSeconds(3), userId: "u-2", anonymousId: "anon-2"));

        Assert.Equal(["u-2"], _f.RefinedKeys());
        Assert.Equal(1, _f.LatestCounts()["page_view|/home@10:00"]);
        Assert.Equal(2, _f.Metrics.OptedOut);
    }

    [Fact]
    public void OptOut_ByUserId_DropsEventsWhoseKeyIsTheUserId_EvenWithAnAnonymousId()
    {
        _f.OptOut("u-1");

        _f.PipeRaw(Event(T0.AddSeconds(1), userId: "u-1", anonymousId: "anon-9"));

        Assert.Empty(_f.RefinedKeys());
        Assert.Equal(1, _f.Metrics.OptedOut);
    }

    [Fact]
    public void OptingBackIn_ByAnonymousId_ResumesTracking()
    {
        _f.OptOut("anon-1");
        _f.PipeRaw(Event(T0.AddSeconds(1), userId: null, anonymousId: "anon-1"));
        _f.OptOut("anon-1", optedOut: false);
        _f.PipeRaw(Event(T0.AddSeconds(2), userId: null, anonymousId: "anon-1"));

        Assert.Equal(["anon-1"], _f.RefinedKeys());
    }

    [Theory]
    [InlineData("""{"userId":"u-private","type":"page_view"}""")] // no timestamp: a validation failure
    [InlineData("""{"anonymousId":"u-private","type":"page_view","timestamp":12""")] // truncated JSON
    [InlineData("""{"type":"page_view","userId":"u-private","timestamp":"yesterday"} trailing""")] // damaged after the id
    public void MalformedEvent_OfAnOptedOutPerson_IsCountedAsADeadLetter_ButNotStored(string json)
    {
        _f.OptOut("u-private");

        _f.PipeRaw(json);
        _f.PipeRaw("""{"userId":"u-public","type":"page_view"}""");

        var stored = Assert.Single(_f.Dlq.ReadKeyValueList());
        Assert.Contains("u-public", Encoding.UTF8.GetString(stored.Message.Value), StringComparison.Ordinal);
        Assert.Equal(2, _f.Metrics.DeadLettered);
        Assert.Equal(1, ActivityTopologyFixture.Total(_f.DeadLettersWithheld));
        Assert.Empty(_f.RefinedKeys());
    }

    [Fact]
    public void DeadLetter_IsMasked_LikeRefinedEvents()
    {
        // No timestamp: rejected, with every field a refined event would mask.
        _f.PipeRaw("""
            {"userId":"u-1","type":"page_view","ip":"203.0.113.77","url":"https://shop.example.com/a?q=shoes&email=x%40y.z#access_token=abc",
             "referrer":"https://mail.example.com/?token=t1","userAgent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
             "properties":{"price":12.5,"query":"jane@example.com"},"extra":[1,2]}
            """);

        var dead = Assert.Single(_f.Dlq.ReadKeyValueList());
        Assert.Equal("masked", Header(dead.Message.Headers, "dlq.payload"));
        Assert.Equal("missing_field", Header(dead.Message.Headers, "dlq.reason"));
        using var json = JsonDocument.Parse(dead.Message.Value);
        var root = json.RootElement;
        Assert.Equal("203.0.113.0", root.GetProperty("ip").GetString());
        Assert.Equal("https://shop.example.com/a?q=shoes", root.GetProperty("url").GetString());
        Assert.Equal("https://mail.example.com/", root.GetProperty("referrer").GetString());
        Assert.Equal("mobile; Safari; iOS", root.GetProperty("userAgent").GetString());
        Assert.Equal("""{"price":12.5}""", root.GetProperty("properties").GetRawText());
        Assert.Equal("u-1", root.GetProperty("userId").GetString());
        Assert.Equal("[1,2]", root.GetProperty("extra").GetRawText());
    }

    [Fact]
    public void DeadLetter_ThatIsNotAJsonObject_IsWithheld_WithItsReason()
    {
        _f.PipeRaw("ip=203.0.113.77&email=jane@example.com");

        var dead = Assert.Single(_f.Dlq.ReadKeyValueList());
        Assert.Null(dead.Message.Value);
        Assert.Equal("withheld", Header(dead.Message.Headers, "dlq.payload"));
        Assert.Equal("not_json", Header(dead.Message.Headers, "dlq.reason"));
    }

    [Fact]
    public void Properties_NotInTheAllowList_AreDroppedFromRefinedEvents_AndCounted()
    {
        _f.PipeRaw(Event(T0.AddSeconds(1), "u-1", null, """{"price":9.99,"query":"jane doe","email":"jane@example.com","productId":"p-1"}"""));

        var refined = Assert.Single(_f.Refined.ReadKeyValueList());
        using var json = JsonDocument.Parse(refined.Message.Value);
        Assert.Equal("""{"price":9.99,"productId":"p-1"}""", json.RootElement.GetProperty("properties").GetRawText());
        Assert.Equal(2, ActivityTopologyFixture.Total(_f.PropertiesDropped));
    }

    private static string Event(DateTimeOffset time, string? userId, string? anonymousId, string? properties = null)
    {
        var fields = new List<string>
        {
            "\"eventId\":\"" + Guid.NewGuid() + "\"",
            "\"type\":\"page_view\"",
            "\"timestamp\":\"" + time.ToString("O", CultureInfo.InvariantCulture) + "\"",
            "\"url\":\"https://shop.example.com/home\"",
        };
        if (userId is not null)
        {
            fields.Add("\"userId\":\"" + userId + "\"");
        }

        if (anonymousId is not null)
        {
            fields.Add("\"anonymousId\":\"" + anonymousId + "\"");
        }

        if (properties is not null)
        {
            fields.Add("\"properties\":" + properties);
        }

        return "{" + string.Join(',', fields) + "}";
    }

    private static string Header(Confluent.Kafka.Headers headers, string name) => Encoding.UTF8.GetString(headers.GetLastBytes(name));
}
