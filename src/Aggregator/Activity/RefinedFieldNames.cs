using System.Text.Json;

namespace Aggregator.Activity;

/// <summary>The refined record's property names: pre-encoded for the writer, matched as UTF-8 by the reader.</summary>
internal static class RefinedFieldNames
{
    public static readonly JsonEncodedText EventId = JsonEncodedText.Encode("eventId");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText UserId = JsonEncodedText.Encode("userId");
    public static readonly JsonEncodedText AnonymousId = JsonEncodedText.Encode("anonymousId");
    public static readonly JsonEncodedText SessionId = JsonEncodedText.Encode("sessionId");
    public static readonly JsonEncodedText EventTime = JsonEncodedText.Encode("eventTime");
    public static readonly JsonEncodedText IngestTime = JsonEncodedText.Encode("ingestTime");
    public static readonly JsonEncodedText Page = JsonEncodedText.Encode("page");
    public static readonly JsonEncodedText Host = JsonEncodedText.Encode("host");
    public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
    public static readonly JsonEncodedText Query = JsonEncodedText.Encode("query");
    public static readonly JsonEncodedText ReferrerHost = JsonEncodedText.Encode("referrerHost");
    public static readonly JsonEncodedText Device = JsonEncodedText.Encode("device");
    public static readonly JsonEncodedText Class = JsonEncodedText.Encode("class");
    public static readonly JsonEncodedText Browser = JsonEncodedText.Encode("browser");
    public static readonly JsonEncodedText Os = JsonEncodedText.Encode("os");
    public static readonly JsonEncodedText Ip = JsonEncodedText.Encode("ip");
    public static readonly JsonEncodedText Properties = JsonEncodedText.Encode("properties");
}
