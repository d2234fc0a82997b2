namespace Aggregator.Demo;

/// <summary>How an event's timestamp is written: both forms the contract allows, and the variants clients send.</summary>
internal enum TimestampStyle
{
    /// <summary><c>2026-11-21T10:05:00.123+09:00</c></summary>
    IsoWithOffset,

    /// <summary><c>2026-11-21T01:05:00.123Z</c> (UTC users only).</summary>
    IsoUtc,

    /// <summary><c>2026-11-21T10:05:00+09:00</c>: no fraction, as some server-side SDKs send.</summary>
    IsoSeconds,

    /// <summary><c>1795222800123</c>: epoch milliseconds as a JSON number.</summary>
    EpochMilliseconds,
}

/// <summary>
/// The fields of one raw event before it is written; a plain bag so the writer (and the malformed variants
/// derived from it) need not know how the values were chosen.
/// </summary>
internal sealed record ActivityEvent
{
    public required string Type { get; init; }

    public required DateTimeOffset Time { get; init; }

    public TimeSpan UtcOffset { get; init; }

    public TimestampStyle Style { get; init; }

    public string? UserId { get; init; }

    public string? AnonymousId { get; init; }

    public string? EventId { get; init; }

    public string? SessionId { get; init; }

    /// <summary>The path the event is about (no query string): the page, or for errors the failing path.</summary>
    public required string Path { get; init; }

    public string? Url { get; init; }

    public string? Referrer { get; init; }

    public string? UserAgent { get; init; }

    public string? Ip { get; init; }

    /// <summary>The record key's bytes (the user's key), shared by all of that user's records.</summary>
    public byte[]? KeyUtf8 { get; init; }

    public string? AppVersion { get; init; }

    public string? Experiment { get; init; }

    public int? LoadTimeMs { get; init; }

    public string? ElementId { get; init; }

    public string? Query { get; init; }

    public int? Results { get; init; }

    public string? ProductId { get; init; }

    public decimal? Price { get; init; }

    public int? Quantity { get; init; }

    public string? OrderId { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public int? Items { get; init; }

    public int? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>The user the record is keyed by: the user id when logged in, else the anonymous id.</summary>
    public string User => UserId ?? AnonymousId ?? string.Empty;
}
