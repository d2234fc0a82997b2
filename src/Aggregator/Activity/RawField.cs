namespace Aggregator.Activity;

/// <summary>The top-level fields of a raw event the parser treats specially; everything else is carried through.</summary>
internal enum RawField
{
    Unknown = 0,
    Type,
    Timestamp,
    UserId,
    AnonymousId,
    EventId,
    SessionId,
    Url,
    Referrer,
    UserAgent,
    Ip,
    Properties,

    /// <summary>
    /// Not a raw field, but a name the refined record derives (<c>eventTime</c>, <c>ingestTime</c>, <c>page</c>,
    /// <c>device</c>, <c>referrerHost</c>): carrying an unknown field of that name would write it twice.
    /// </summary>
    Reserved,
}

internal static class RawFieldNames
{
    /// <summary>Matches an unescaped UTF-8 property name; length first, so most names cost one comparison.</summary>
    public static RawField Match(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("ip"u8) => RawField.Ip,
        3 when name.SequenceEqual("url"u8) => RawField.Url,
        4 when name.SequenceEqual("type"u8) => RawField.Type,
        4 when name.SequenceEqual("page"u8) => RawField.Reserved,
        6 when name.SequenceEqual("userId"u8) => RawField.UserId,
        6 when name.SequenceEqual("device"u8) => RawField.Reserved,
        7 when name.SequenceEqual("eventId"u8) => RawField.EventId,
        8 when name.SequenceEqual("referrer"u8) => RawField.Referrer,
        9 when name.SequenceEqual("timestamp"u8) => RawField.Timestamp,
        9 when name.SequenceEqual("sessionId"u8) => RawField.SessionId,
        9 when name.SequenceEqual("userAgent"u8) => RawField.UserAgent,
        9 when name.SequenceEqual("eventTime"u8) => RawField.Reserved,
        10 when name.SequenceEqual("properties"u8) => RawField.Properties,
        10 when name.SequenceEqual("ingestTime"u8) => RawField.Reserved,
        11 when name.SequenceEqual("anonymousId"u8) => RawField.AnonymousId,
        12 when name.SequenceEqual("referrerHost"u8) => RawField.Reserved,
        _ => RawField.Unknown,
    };

    public static string ToName(RawField field) => field switch
    {
        RawField.Type => "type",
        RawField.Timestamp => "timestamp",
        RawField.UserId => "userId",
        RawField.AnonymousId => "anonymousId",
        RawField.EventId => "eventId",
        RawField.SessionId => "sessionId",
        RawField.Url => "url",
        RawField.Referrer => "referrer",
        RawField.UserAgent => "userAgent",
        RawField.Ip => "ip",
        RawField.Properties => "properties",
        _ => "?",
    };
}
