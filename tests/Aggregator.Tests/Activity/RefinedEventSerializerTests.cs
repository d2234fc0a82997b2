using System.Buffers;
using System.Text;
using System.Text.Json;
using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

public sealed class RefinedEventSerializerTests
{
    private static readonly DateTimeOffset EventTime = new(2026, 11, 21, 1, 5, 0, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset IngestTime = new(2026, 11, 21, 10, 0, 0, 7, TimeSpan.Zero);

    private static RefinedEvent Full() => new()
    {
        EventId = "e-1",
        Type = "page_view",
        UserId = "u-1",
        AnonymousId = "a-1",
        SessionId = "s-1",
        EventTime = EventTime,
        IngestTime = IngestTime,
        Page = new PageInfo("shop.example.com", "/products/42", "x=1"),
        ReferrerHost = "www.google.com",
        Device = new DeviceInfo("mobile", "Samsung Internet", "Android"),
        Ip = "203.0.113.0",
        Properties = Encoding.UTF8.GetBytes("""{"price": 12.50, "tags":["a"]}"""),
        ExtraFields = [new RawJsonField("appVersion", Encoding.UTF8.GetBytes("\"3.2\"")), new RawJsonField("n", Encoding.UTF8.GetBytes("1.0E+2"))],
    };

    [Fact]
    public void Serialize_WritesFieldsInContractOrder()
    {
        var json = Encoding.UTF8.GetString(RefinedEventSerializer.Serialize(Full()));

        Assert.Equal(
            """{"eventId":"e-1","type":"page_view","userId":"u-1","anonymousId":"a-1","sessionId":"s-1","eventTime":"2026-11-21T01:05:00.123Z","ingestTime":"2026-11-21T10:00:00.007Z","page":{"host":"shop.example.com","path":"/products/42","query":"x=1"},"referrerHost":"www.google.com","device":{"class":"mobile","browser":"Samsung Internet","os":"Android"},"ip":"203.0.113.0","properties":{"price": 12.50, "tags":["a"]},"appVersion":"3.2","n":1.0E+2}""",
            json);
    }

    [Fact]
    public void Serialize_OmitsAbsentOptionalFields_WithoutNulls()
    {
        var minimal = new RefinedEvent { EventId = "e", Type = "t", AnonymousId = "a", EventTime = EventTime, IngestTime = IngestTime };

        var json = Encoding.UTF8.GetString(RefinedEventSerializer.Serialize(minimal));

        Assert.Equal("""{"eventId":"e","type":"t","anonymousId":"a","eventTime":"2026-11-21T01:05:00.123Z","ingestTime":"2026-11-21T10:00:00.007Z"}""", json);
    }

    [Fact]
    public void Serialize_KeepsPageShape_WhenHostAndQueryAreEmpty()
    {
        var refined = new RefinedEvent { EventId = "e", Type = "t", UserId = "u", EventTime = EventTime, IngestTime = IngestTime, Page = new PageInfo("", "/a", "") };

        var json = Encoding.UTF8.GetString(RefinedEventSerializer.Serialize(refined));

        Assert.Contains("""
            "page":{"host":"","path":"/a","query":""}
            """, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WritesNonAsciiAndPlusLiterally_AndEscapesQuotes()
    {
        var refined = new RefinedEvent
        {
            EventId = "e\"1", Type = "café+<b>", UserId = "ユーザー", EventTime = EventTime, IngestTime = IngestTime,
        };

        var json = Encoding.UTF8.GetString(RefinedEventSerializer.Serialize(refined));

        Assert.Contains("\"eventId\":\"e\\\"1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"café+<b>\"", json, StringComparison.Ordinal);
        Assert.Contains("\"userId\":\"ユーザー\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_ProducesJsonThatStandardParsersRead()
    {
        using var document = JsonDocument.Parse(RefinedEventSerializer.Serialize(Full()));

        Assert.Equal("/products/42", document.RootElement.GetProperty("page").GetProperty("path").GetString());
        Assert.Equal(12.5m, document.RootElement.GetProperty("properties").GetProperty("price").GetDecimal());
    }

    [Fact]
    public void Serialize_IntoBufferWriter_MatchesByteArrayForm()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("prefix"u8);

        RefinedEventSerializer.Serialize(Full(), buffer);

        Assert.Equal("prefix"u8.ToArray().Concat(RefinedEventSerializer.Serialize(Full())), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void RoundTrip_ReproducesBytesExactly()
    {
        var bytes = RefinedEventSerializer.Serialize(Full());

        var again = RefinedEventSerializer.Serialize(RefinedEventSerializer.Deserialize(bytes));

        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(again));
    }

    [Fact]
    public void RoundTrip_PreservesEveryMember()
    {
        var original = Full();

        var read = RefinedEventSerializer.Deserialize(RefinedEventSerializer.Serialize(original));

        Assert.Equal(original.EventId, read.EventId);
        Assert.Equal(original.Type, read.Type);
        Assert.Equal(original.UserId, read.UserId);
        Assert.Equal(original.AnonymousId, read.AnonymousId);
        Assert.Equal(original.SessionId, read.SessionId);
        Assert.Equal(original.EventTime, read.EventTime);
        Assert.Equal(original.IngestTime, read.IngestTime);
        Assert.Equal(original.Page, read.Page);
        Assert.Equal(original.ReferrerHost, read.ReferrerHost);
        Assert.Equal(original.Device, read.Device);
        Assert.Equal(original.Ip, read.Ip);
        Assert.Equal(original.Properties.ToArray(), read.Properties.ToArray());
        Assert.Equal(
            original.ExtraFields.Select(f => (f.Name, Encoding.UTF8.GetString(f.RawValue.Span))),
            read.ExtraFields.Select(f => (f.Name, Encoding.UTF8.GetString(f.RawValue.Span))));
        Assert.Equal("u-1", read.Key);
    }

    [Fact]
    public void RoundTrip_OfMinimalRecord_LeavesOptionalMembersAbsent()
    {
        var minimal = new RefinedEvent { EventId = "e", Type = "t", AnonymousId = "a", EventTime = EventTime, IngestTime = IngestTime };

        var read = RefinedEventSerializer.Deserialize(RefinedEventSerializer.Serialize(minimal));

        Assert.Null(read.UserId);
        Assert.Null(read.SessionId);
        Assert.Null(read.Page);
        Assert.Null(read.Device);
        Assert.Null(read.ReferrerHost);
        Assert.Null(read.Ip);
        Assert.True(read.Properties.IsEmpty);
        Assert.Empty(read.ExtraFields);
        Assert.Equal("a", read.Key);
    }

    [Fact]
    public void Deserialize_FromSpan_CopiesWhatItKeeps()
    {
        var bytes = RefinedEventSerializer.Serialize(Full());

        var read = RefinedEventSerializer.Deserialize((ReadOnlySpan<byte>)bytes);
        Array.Fill(bytes, (byte)' ');

        Assert.Equal("""{"price": 12.50, "tags":["a"]}""", Encoding.UTF8.GetString(read.Properties.Span));
        Assert.Equal("\"3.2\"", Encoding.UTF8.GetString(read.ExtraFields[0].RawValue.Span));
    }

    [Fact]
    public void Deserialize_AcceptsEscapedNamesAndUnknownNestedMembers()
    {
        var json = """{"eventId":"e","t\u0079pe":"t","userId":"u","eventTime":"2026-11-21T01:05:00.123+00:00","ingestTime":"2026-11-21T10:00:00.007Z","page":{"path":"/a","future":{"x":1}}}"""u8.ToArray();

        var read = RefinedEventSerializer.Deserialize(json);

        Assert.Equal("t", read.Type);
        Assert.Equal(EventTime, read.EventTime);
        Assert.Equal(new PageInfo("", "/a", ""), read.Page);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"type":"t","userId":"u","eventTime":"2026-11-21T01:05:00.123Z","ingestTime":"2026-11-21T10:00:00.007Z"}""")]
    [InlineData("""{"eventId":"e","type":"t","userId":"u","eventTime":"yesterday","ingestTime":"2026-11-21T10:00:00.007Z"}""")]
    [InlineData("""{"eventId":"e","type":5,"userId":"u","eventTime":"2026-11-21T01:05:00.123Z","ingestTime":"2026-11-21T10:00:00.007Z"}""")]
    [InlineData("""{"eventId":"e","type":"t","page":[],"eventTime":"2026-11-21T01:05:00.123Z","ingestTime":"2026-11-21T10:00:00.007Z"}""")]
    [InlineData("""{"eventId":"e","type":"t","userId":"u","eventTime":"2026-11-21T01:05:00.123Z","ingestTime":"2026-11-21T10:00:00.007Z"} x""")]
    public void Deserialize_ThrowsJsonException_ForNonRefinedRecords(string json)
    {
        Assert.ThrowsAny<JsonException>(() => RefinedEventSerializer.Deserialize(Encoding.UTF8.GetBytes(json)));
    }
}
