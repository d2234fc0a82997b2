namespace Aggregator.Activity;

/// <summary>
/// The refined activity record: the value written to <c>activity.refined</c>, keyed by <see cref="Key"/>.
/// <see cref="Properties"/> and <see cref="ExtraFields"/> are raw UTF-8 JSON, never re-parsed, and may point
/// into the buffer the event was parsed or deserialised from.
/// </summary>
internal sealed class RefinedEvent
{
    /// <summary>The raw <c>eventId</c>, or a deterministic <c>gen-…</c> id (<see cref="EventIdGenerator"/>).</summary>
    public required string EventId { get; init; }

    public required string Type { get; init; }

    public string? UserId { get; init; }

    public string? AnonymousId { get; init; }

    public string? SessionId { get; init; }

    /// <summary>When the event happened, UTC, millisecond precision.</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>When the refiner saw it, UTC, millisecond precision.</summary>
    public required DateTimeOffset IngestTime { get; init; }

    /// <summary>Present when the raw event had a <c>url</c>.</summary>
    public PageInfo? Page { get; init; }

    public string? ReferrerHost { get; init; }

    /// <summary>Present when the raw event had a <c>userAgent</c>.</summary>
    public DeviceInfo? Device { get; init; }

    /// <summary>The masked client address (/24 or /48), or null when absent or unparseable.</summary>
    public string? Ip { get; init; }

    /// <summary>The raw <c>properties</c> object, byte for byte; empty when absent.</summary>
    public ReadOnlyMemory<byte> Properties { get; init; }

    /// <summary>Fields the raw event had that the contract does not name, carried verbatim, in arrival order.</summary>
    public IReadOnlyList<RawJsonField> ExtraFields { get; init; } = [];

    /// <summary>The Kafka key of the refined record: <see cref="UserId"/>, else <see cref="AnonymousId"/>.</summary>
    public string Key => UserId ?? AnonymousId ?? string.Empty;
}
