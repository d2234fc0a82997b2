using System.Text;
using Aggregator.Activity;
using static Aggregator.Tests.Activity.TestEvents;

namespace Aggregator.Tests.Activity;

/// <summary>Every way a raw event is refused, with the code and the detail a person will read in the DLQ.</summary>
public sealed class RawEventParserRejectionTests
{
    [Fact]
    public void Parse_RejectsTimestamp_BeforeLowerBound_NamingTheBound()
    {
        var rejection = ParseRejected("""{"type":"t","timestamp":0,"userId":"u"}""");

        Assert.Equal(RejectionCodes.TimestampTooOld, rejection.Code);
        Assert.Equal(
            "timestamp 1970-01-01T00:00:00.000Z is older than the 30-day bound (earliest accepted 2026-10-22T10:00:00.000Z)",
            rejection.Detail);
    }

    [Fact]
    public void Parse_RejectsTimestamp_OneMillisecondBeforeLowerBound()
    {
        var rejection = ParseRejected("""{"type":"t","timestamp":"2026-10-22T09:59:59.999Z","userId":"u"}""");

        Assert.Equal(RejectionCodes.TimestampTooOld, rejection.Code);
    }

    [Fact]
    public void Parse_RejectsTimestamp_AfterUpperBound_NamingTheBound()
    {
        var rejection = ParseRejected("""{"type":"t","timestamp":"2026-11-21T20:00:00.001+09:00","userId":"u"}""");

        Assert.Equal(RejectionCodes.TimestampInFuture, rejection.Code);
        Assert.Equal(
            "timestamp 2026-11-21T11:00:00.001Z is later than the 1-hour clock-skew bound (latest accepted 2026-11-21T11:00:00.000Z)",
            rejection.Detail);
    }

    [Fact]
    public void Parse_NamesConfiguredBounds_InTheDetail()
    {
        var options = new ActivityValidationOptions { MaxEventAge = TimeSpan.FromHours(2), MaxClockSkew = TimeSpan.FromMinutes(5) };

        var old = ParseRejected("""{"type":"t","timestamp":"2026-11-21T07:59:59Z","userId":"u"}""", options);
        var future = ParseRejected("""{"type":"t","timestamp":"2026-11-21T10:05:01Z","userId":"u"}""", options);

        Assert.Equal(
            "timestamp 2026-11-21T07:59:59.000Z is older than the 2-hour bound (earliest accepted 2026-11-21T08:00:00.000Z)",
            old.Detail);
        Assert.Equal(
            "timestamp 2026-11-21T10:05:01.000Z is later than the 5-minute clock-skew bound (latest accepted 2026-11-21T10:05:00.000Z)",
            future.Detail);
    }

    [Theory]
    [InlineData("-1", RejectionCodes.TimestampTooOld)]
    [InlineData("-9223372036854775808", RejectionCodes.TimestampTooOld)]
    [InlineData("1e300", RejectionCodes.TimestampInFuture)]
    [InlineData("99999999999999999999999", RejectionCodes.TimestampInFuture)]
    [InlineData("-1e400", RejectionCodes.TimestampTooOld)]
    public void Parse_RejectsAbsurdEpochNumbers_AsOutOfBounds(string number, string code)
    {
        Assert.Equal(code, ParseRejected($$"""{"type":"t","timestamp":{{number}},"userId":"u"}""").Code);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("2026-11-21 10:05:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-11-21T10:05:00+0900")]
    [InlineData("1763715900123")]
    [InlineData("2026-11-21T24:00:00Z")]
    public void Parse_RejectsUnparseableTimestampStrings(string timestamp)
    {
        var rejection = ParseRejected($$"""{"type":"t","timestamp":"{{timestamp}}","userId":"u"}""");

        Assert.Equal(RejectionCodes.TimestampUnparseable, rejection.Code);
        Assert.Contains("'" + timestamp + "'", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-21T10:05:00")]
    [InlineData("2026-11-21")]
    public void Parse_RejectsTimestamp_WithoutOffset(string timestamp)
    {
        var rejection = ParseRejected($$"""{"type":"t","timestamp":"{{timestamp}}","userId":"u"}""");

        Assert.Equal(RejectionCodes.TimestampUnparseable, rejection.Code);
        Assert.Contains("no UTC offset", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsOversizeValue_BeforeParsing()
    {
        var options = new ActivityValidationOptions { MaxEventBytes = 256 };
        var garbage = new byte[257];

        var rejection = Parser(options).Parse(garbage, Ingest).Rejection!;

        Assert.Equal(RejectionCodes.Oversize, rejection.Code);
        Assert.Equal("value is 257 bytes, over the 256-byte bound (MaxEventBytes)", rejection.Detail);
    }

    [Fact]
    public void Parse_RejectsOversize_AtDefault64KiB()
    {
        var json = Minimal("\"pad\":\"" + new string('x', 64 * 1024) + "\"");

        Assert.Equal(RejectionCodes.Oversize, ParseRejected(json).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n")]
    [InlineData("hello")]
    [InlineData("<xml/>")]
    [InlineData("{")]
    [InlineData("{\"type\":")]
    [InlineData("{\"type\":\"t\",}")]
    [InlineData("{type:\"t\"}")]
    [InlineData("{\"type\":'t'}")]
    [InlineData("{} x")]
    [InlineData("{}{}")]
    [InlineData("[1,2")]
    [InlineData("nul")]
    [InlineData("{\"a\":1 /* c */}")]
    public void Parse_RejectsNonJson(string value)
    {
        Assert.Equal(RejectionCodes.NotJson, ParseRejected(value).Code);
    }

    [Fact]
    public void Parse_RejectsInvalidUtf8_AsNotJson()
    {
        var bytes = Encoding.UTF8.GetBytes(Minimal("\"x\":\"??\""));
        var at = Array.IndexOf(bytes, (byte)'?');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        var rejection = Parser().Parse(bytes, Ingest).Rejection!;

        Assert.Equal(RejectionCodes.NotJson, rejection.Code);
        Assert.Equal("value is not valid UTF-8", rejection.Detail);
    }

    [Fact]
    public void Parse_RejectsBinary_NamingTheFirstByte()
    {
        var rejection = Parser().Parse(new byte[] { 0x00, 0x01, 0x02 }, Ingest).Rejection!;

        Assert.Equal(RejectionCodes.NotJson, rejection.Code);
        Assert.Equal("value is not JSON (it starts with byte 0x00)", rejection.Detail);
    }

    [Fact]
    public void Parse_ReportsMalformedJson_EvenAfterAnEarlierProblem()
    {
        Assert.Equal(RejectionCodes.NotJson, ParseRejected("""{"type":5,"timestamp":""").Code);
    }

    [Theory]
    [InlineData("[]", "array")]
    [InlineData("[{\"type\":\"t\"}]", "array")]
    [InlineData("\"page_view\"", "string")]
    [InlineData("42", "number")]
    [InlineData("true", "boolean")]
    [InlineData("null", "null")]
    public void Parse_RejectsJsonThatIsNotAnObject(string value, string kind)
    {
        var rejection = ParseRejected(value);

        Assert.Equal(RejectionCodes.NotObject, rejection.Code);
        Assert.Equal("value is a JSON " + kind + ", expected an object", rejection.Detail);
    }

    [Theory]
    [InlineData("""{"timestamp":"2026-11-21T09:00:00Z","userId":"u"}""", "required field 'type' is missing")]
    [InlineData("""{"type":null,"timestamp":"2026-11-21T09:00:00Z","userId":"u"}""", "required field 'type' is null")]
    [InlineData("""{"type":"t","userId":"u"}""", "required field 'timestamp' is missing")]
    [InlineData("""{"type":"t","timestamp":null,"userId":"u"}""", "required field 'timestamp' is null")]
    [InlineData("""{"type":"t","timestamp":"2026-11-21T09:00:00Z"}""", "required field 'userId' or 'anonymousId' is missing; at least one non-empty id is required")]
    [InlineData("""{"type":"t","timestamp":"2026-11-21T09:00:00Z","userId":null,"anonymousId":null}""", "required field 'userId' or 'anonymousId' is missing; at least one non-empty id is required")]
    public void Parse_RejectsMissingRequiredFields(string json, string detail)
    {
        var rejection = ParseRejected(json);

        Assert.Equal(RejectionCodes.MissingField, rejection.Code);
        Assert.Equal(detail, rejection.Detail);
    }

    [Theory]
    [InlineData("""{"type":"","timestamp":"2026-11-21T09:00:00Z","userId":"u"}""", "field 'type' is empty")]
    [InlineData("""{"type":"  ","timestamp":"2026-11-21T09:00:00Z","userId":"u"}""", "field 'type' is empty")]
    [InlineData("""{"type":"t","timestamp":"2026-11-21T09:00:00Z","userId":""}""", "fields 'userId' and 'anonymousId' are empty or absent; at least one non-empty id is required")]
    [InlineData("""{"type":"t","timestamp":"2026-11-21T09:00:00Z","userId":"","anonymousId":" "}""", "fields 'userId' and 'anonymousId' are empty or absent; at least one non-empty id is required")]
    public void Parse_RejectsEmptyRequiredStrings(string json, string detail)
    {
        var rejection = ParseRejected(json);

        Assert.Equal(RejectionCodes.InvalidField, rejection.Code);
        Assert.Equal(detail, rejection.Detail);
    }

    [Fact]
    public void Parse_RejectsType_LongerThan64Characters()
    {
        var rejection = ParseRejected($$"""{"type":"{{new string('t', 65)}}","timestamp":"2026-11-21T09:00:00Z","userId":"u"}""");

        Assert.Equal(RejectionCodes.InvalidField, rejection.Code);
        Assert.Equal("field 'type' is 65 characters long, over the 64-character limit", rejection.Detail);
    }

    [Theory]
    [InlineData("type", "5", "a string", "number")]
    [InlineData("type", "[\"a\"]", "a string", "array")]
    [InlineData("userId", "42", "a string", "number")]
    [InlineData("anonymousId", "{}", "a string", "object")]
    public void Parse_RejectsRequiredFields_OfWrongType(string field, string value, string expected, string actual)
    {
        var json = $$"""{"type":"t","timestamp":"2026-11-21T09:00:00Z","userId":"u","{{field}}":{{value}}}""".Replace(
            $"\"{field}\":\"{(field == "type" ? "t" : "u")}\",", string.Empty, StringComparison.Ordinal);

        var rejection = ParseRejected(json);

        Assert.Equal(RejectionCodes.WrongType, rejection.Code);
        Assert.Equal($"field '{field}' must be {expected}, got {actual}", rejection.Detail);
    }

    [Theory]
    [InlineData("true", "boolean")]
    [InlineData("{}", "object")]
    [InlineData("[1795251900123]", "array")]
    public void Parse_RejectsTimestamp_OfWrongType(string value, string actual)
    {
        var rejection = ParseRejected($$"""{"type":"t","timestamp":{{value}},"userId":"u"}""");

        Assert.Equal(RejectionCodes.WrongType, rejection.Code);
        Assert.Equal("field 'timestamp' must be an ISO-8601 string or a number of epoch milliseconds, got " + actual, rejection.Detail);
    }

    [Theory]
    [InlineData("url", "5", "a string", "number")]
    [InlineData("referrer", "true", "a string", "boolean")]
    [InlineData("userAgent", "[]", "a string", "array")]
    [InlineData("ip", "3405803783", "a string", "number")]
    [InlineData("sessionId", "{\"id\":1}", "a string", "object")]
    [InlineData("eventId", "7", "a string", "number")]
    [InlineData("properties", "[]", "an object", "array")]
    [InlineData("properties", "\"{}\"", "an object", "string")]
    [InlineData("properties", "3", "an object", "number")]
    public void Parse_RejectsOptionalFields_OfWrongType(string field, string value, string expected, string actual)
    {
        var rejection = ParseRejected(Minimal($"\"{field}\":{value}"));

        Assert.Equal(RejectionCodes.WrongType, rejection.Code);
        Assert.Equal($"field '{field}' must be {expected}, got {actual}", rejection.Detail);
    }

    [Theory]
    [InlineData("""{"type":"a","type":"b","timestamp":"2026-11-21T09:00:00Z","userId":"u"}""", "type")]
    [InlineData("""{"type":"a","timestamp":"2026-11-21T09:00:00Z","userId":"u","userId":"u"}""", "userId")]
    [InlineData("""{"type":"a","timestamp":"2026-11-21T09:00:00Z","userId":"u","url":null,"url":"/x"}""", "url")]
    [InlineData("""{"type":"a","t\u0079pe":"b","timestamp":"2026-11-21T09:00:00Z","userId":"u"}""", "type")]
    [InlineData("""{"type":"a","timestamp":"2026-11-21T09:00:00Z","userId":"u","extra":1,"extra":1}""", "extra")]
    [InlineData("""{"type":"a","timestamp":"2026-11-21T09:00:00Z","userId":"u","properties":{},"properties":{}}""", "properties")]
    public void Parse_RejectsDuplicateKeys(string json, string field)
    {
        var rejection = ParseRejected(json);

        Assert.Equal(RejectionCodes.DuplicateField, rejection.Code);
        Assert.Equal($"field '{field}' occurs more than once; which value is meant is ambiguous", rejection.Detail);
    }

    [Fact]
    public void Parse_RejectsDuplicateUnknownKey_AmongMany()
    {
        var fields = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"f{i}\":{i}"));

        var rejection = ParseRejected(Minimal(fields + ",\"f3\":0"));

        Assert.Equal(RejectionCodes.DuplicateField, rejection.Code);
        Assert.Contains("'f3'", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DoesNotTreatNestedRepeats_AsDuplicates()
    {
        Assert.True(Parse(Minimal("\"properties\":{\"type\":1},\"x\":{\"type\":2}")).IsValid);
    }

    [Theory]
    [InlineData("page")]
    [InlineData("device")]
    [InlineData("eventTime")]
    [InlineData("ingestTime")]
    [InlineData("referrerHost")]
    public void Parse_RejectsUnknownFields_NamedLikeDerivedFields(string field)
    {
        var rejection = ParseRejected(Minimal($"\"{field}\":\"x\""));

        Assert.Equal(RejectionCodes.ReservedField, rejection.Code);
        Assert.StartsWith($"field '{field}' is reserved", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("userId")]
    [InlineData("type")]
    public void Parse_RejectsUnpairedSurrogateEscape(string field)
    {
        var json = field == "type"
            ? """{"type":"a\ud800","timestamp":"2026-11-21T09:00:00Z","userId":"u"}"""
            : """{"type":"a","timestamp":"2026-11-21T09:00:00Z","userId":"\udc00x"}""";

        var rejection = ParseRejected(json);

        Assert.Equal(RejectionCodes.InvalidField, rejection.Code);
        Assert.Contains($"'{field}'", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsExcessiveNesting_AsNotJson()
    {
        var deep = new string('[', 100) + new string(']', 100);

        Assert.Equal(RejectionCodes.NotJson, ParseRejected(Minimal("\"x\":" + deep)).Code);
    }

    [Fact]
    public void RejectionCodes_AreStableAndDistinct()
    {
        Assert.Equal(
            ["not_json", "not_object", "missing_field", "wrong_type", "invalid_field", "duplicate_field", "reserved_field",
             "timestamp_unparseable", "timestamp_too_old", "timestamp_in_future", "oversize", "schema"],
            RejectionCodes.All);
    }
}
