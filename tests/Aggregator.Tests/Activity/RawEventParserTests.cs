using System.Text;
using Aggregator.Activity;
using static Aggregator.Tests.Activity.TestEvents;

namespace Aggregator.Tests.Activity;

/// <summary>What the parser accepts, and exactly what it makes of it. Rejections: <see cref="RawEventParserRejectionTests"/>.</summary>
public sealed class RawEventParserTests
{
    [Fact]
    public void Parse_ReadsAllKnownFields()
    {
        var raw = ParseValid("""
            {"eventId":"e-1","type":"click","timestamp":"2026-11-21T09:00:00.000Z","userId":"u-1","anonymousId":"a-1",
             "sessionId":"s-1","url":"https://x.example/p?q=1","referrer":"https://r.example/","userAgent":"curl/8.5.0",
             "ip":"203.0.113.7","properties":{"k":1}}
            """);

        Assert.Equal("e-1", raw.EventId);
        Assert.Equal("click", raw.Type);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), raw.Timestamp);
        Assert.Equal("u-1", raw.UserId);
        Assert.Equal("a-1", raw.AnonymousId);
        Assert.Equal("s-1", raw.SessionId);
        Assert.Equal("https://x.example/p?q=1", raw.Url);
        Assert.Equal("https://r.example/", raw.Referrer);
        Assert.Equal("curl/8.5.0", raw.UserAgent);
        Assert.Equal("203.0.113.7", raw.Ip);
        Assert.Equal("""{"k":1}""", Utf8(raw.Properties));
        Assert.Empty(raw.UnknownFields);
        Assert.Equal("u-1", raw.Key);
    }

    [Theory]
    [InlineData("2026-11-21T10:05:00.123+09:00", "2026-11-21T01:05:00.123Z")]
    [InlineData("2026-11-21T05:35:00.000-03:30", "2026-11-21T09:05:00.000Z")]
    [InlineData("2026-11-21T09:05:00Z", "2026-11-21T09:05:00.000Z")]
    [InlineData("2026-11-21T09:05:00+00:00", "2026-11-21T09:05:00.000Z")]
    [InlineData("2026-11-21T09:05:00.1239999Z", "2026-11-21T09:05:00.123Z")]
    [InlineData("2026-11-21T09:05Z", "2026-11-21T09:05:00.000Z")]
    [InlineData("2026-11-22T08:30:00.5+14:00", "2026-11-21T18:30:00.500Z")]
    public void Parse_ConvertsIsoTimestampWithOffset_ToUtcMilliseconds(string timestamp, string expectedUtc)
    {
        var options = new ActivityValidationOptions { MaxClockSkew = TimeSpan.FromDays(1) };
        var raw = ParseValid($$"""{"type":"t","timestamp":"{{timestamp}}","userId":"u"}""", options);

        Assert.Equal(TimeSpan.Zero, raw.Timestamp.Offset);
        Assert.Equal(expectedUtc, UtcTimestamp.ToString(raw.Timestamp));
    }

    [Theory]
    [InlineData("1795251900123", "2026-11-21T09:05:00.123Z")]
    [InlineData("1795251900123.9", "2026-11-21T09:05:00.123Z")]
    [InlineData("1.7952519e12", "2026-11-21T09:05:00.000Z")]
    public void Parse_ReadsEpochMillisecondsNumber(string number, string expectedUtc)
    {
        var raw = ParseValid($$"""{"type":"t","timestamp":{{number}},"userId":"u"}""");

        Assert.Equal(expectedUtc, UtcTimestamp.ToString(raw.Timestamp));
    }

    [Fact]
    public void Parse_AcceptsTimestamps_ExactlyOnBothBounds()
    {
        var earliest = ParseValid("""{"type":"t","timestamp":"2026-10-22T10:00:00.000Z","userId":"u"}""");
        var latest = ParseValid("""{"type":"t","timestamp":"2026-11-21T11:00:00.000Z","userId":"u"}""");

        Assert.Equal(Ingest.AddDays(-30), earliest.Timestamp);
        Assert.Equal(Ingest.AddHours(1), latest.Timestamp);
    }

    [Fact]
    public void Parse_FallsBackToAnonymousId_WhenUserIdEmpty()
    {
        var raw = ParseValid("""{"type":"t","timestamp":"2026-11-21T09:00:00Z","userId":"","anonymousId":"anon-7"}""");

        Assert.Null(raw.UserId);
        Assert.Equal("anon-7", raw.AnonymousId);
        Assert.Equal("anon-7", raw.Key);
    }

    [Fact]
    public void Parse_TreatsNullAndEmptyOptionalFields_AsAbsent()
    {
        var raw = ParseValid(Minimal(
            """ "eventId":null,"sessionId":"","url":null,"referrer":"","userAgent":null,"ip":" ","properties":null,"anonymousId":null """));

        Assert.Null(raw.EventId);
        Assert.Null(raw.SessionId);
        Assert.Null(raw.Url);
        Assert.Null(raw.Referrer);
        Assert.Null(raw.UserAgent);
        Assert.Null(raw.Ip);
        Assert.True(raw.Properties.IsEmpty);
        Assert.Null(raw.AnonymousId);
    }

    [Fact]
    public void Parse_KeepsUnknownFields_VerbatimAndInOrder()
    {
        const string nested = """{ "a" : [1, 2.50, -0e3], "b": {"c": null} }""";
        var raw = ParseValid(Minimal(
            $$""" "zeta":{{nested}},"appVersion":"3.2\u00e9","count":1.0E+2,"flag":false,"nothing":null,"list":[ ] """));

        Assert.Equal(["zeta", "appVersion", "count", "flag", "nothing", "list"], raw.UnknownFields.Select(f => f.Name));
        Assert.Equal(nested, Utf8(raw.UnknownFields[0].RawValue));
        Assert.Equal("\"3.2\\u00e9\"", Utf8(raw.UnknownFields[1].RawValue));
        Assert.Equal("1.0E+2", Utf8(raw.UnknownFields[2].RawValue));
        Assert.Equal("false", Utf8(raw.UnknownFields[3].RawValue));
        Assert.Equal("null", Utf8(raw.UnknownFields[4].RawValue));
        Assert.Equal("[ ]", Utf8(raw.UnknownFields[5].RawValue));
    }

    [Fact]
    public void Parse_KeepsProperties_ByteForByte()
    {
        const string properties = """{"price": 12.50, "tags":["a","\u00fc"], "nested":{"deep":{"x":true}}}""";

        var raw = ParseValid(Minimal($"\"properties\":{properties}"));

        Assert.Equal(properties, Utf8(raw.Properties));
    }

    [Fact]
    public void Parse_MatchesEscapedFieldNames_AsTheirUnescapedNames()
    {
        var raw = ParseValid("""{"t\u0079pe":"click","timestamp":"2026-11-21T09:00:00Z","user\u0049d":"u","x\u0041":1}""");

        Assert.Equal("click", raw.Type);
        Assert.Equal("u", raw.UserId);
        Assert.Equal("xA", Assert.Single(raw.UnknownFields).Name);
    }

    [Fact]
    public void Parse_UnescapesStringValues()
    {
        var raw = ParseValid("""{"type":"caf\u00e9","timestamp":"2026-11-21T09:00:00Z","userId":"u\"1"}""");

        Assert.Equal("café", raw.Type);
        Assert.Equal("u\"1", raw.UserId);
    }

    [Fact]
    public void Parse_SkipsUtf8ByteOrderMark_AndSurroundingWhitespace()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("\r\n  " + Minimal() + " \n")).ToArray();

        var result = Parser().Parse(bytes, Ingest);

        Assert.True(result.IsValid, result.Rejection?.ToString());
    }

    [Fact]
    public void Parse_AcceptsValue_OfExactlyMaxEventBytes()
    {
        var options = new ActivityValidationOptions { MaxEventBytes = 300 };
        var json = Minimal("\"pad\":\"\"");
        json = json.Insert(json.Length - 2, new string('x', 300 - json.Length));

        Assert.Equal(300, Encoding.UTF8.GetByteCount(json));
        Assert.True(Parse(json, options).IsValid);
    }

    [Fact]
    public void Parse_AcceptsType_OfExactly64Characters()
    {
        var type = new string('t', 64);

        Assert.Equal(type, ParseValid($$"""{"type":"{{type}}","timestamp":"2026-11-21T09:00:00Z","userId":"u"}""").Type);
    }

    [Fact]
    public void Parse_ReusesOneStringInstance_ForRepeatedTypes()
    {
        var first = ParseValid(Minimal()).Type;
        var second = ParseValid(Minimal()).Type;

        Assert.Same(first, second);
    }
}
