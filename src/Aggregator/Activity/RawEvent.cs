namespace Aggregator.Activity;

/// <summary>
/// A raw event that passed validation, before enrichment. Optional strings are null when absent, null or
/// empty. <see cref="Properties"/> and <see cref="UnknownFields"/> point into the value they were parsed
/// from, so that buffer must not be reused while this event (or the refined one made from it) is alive.
/// </summary>
internal sealed class RawEvent
{
    public required string Type { get; init; }

    /// <summary>The event's own time, converted to UTC and truncated to milliseconds.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    public string? UserId { get; init; }

    public string? AnonymousId { get; init; }

    public string? EventId { get; init; }

    public string? SessionId { get; init; }

    public string? Url { get; init; }

    public string? Referrer { get; init; }

    public string? UserAgent { get; init; }

    public string? Ip { get; init; }

    /// <summary>The <c>properties</c> object as raw JSON, or empty when absent.</summary>
    public ReadOnlyMemory<byte> Properties { get; init; }

    /// <summary>Fields the contract does not name, in arrival order.</summary>
    public IReadOnlyList<RawJsonField> UnknownFields { get; init; } = [];

    /// <summary>The refined record's key: <see cref="UserId"/>, else <see cref="AnonymousId"/> (validation guarantees one).</summary>
    public string Key => UserId ?? AnonymousId!;
}
