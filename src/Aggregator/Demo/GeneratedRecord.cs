namespace Aggregator.Demo;

/// <summary>
/// What the generator meant to produce, kept beside the bytes so tests (and the summary) need not parse them.
/// </summary>
/// <param name="Type">The event type; null when a malformed record has no usable type.</param>
/// <param name="Path">The URL path the event is about (for errors, the failing path), without query string.</param>
/// <param name="User">The userId, or the anonymousId for visitors.</param>
/// <param name="EventTime">The event time written into the record, to the millisecond.</param>
/// <param name="EventId">The eventId, when the record carries one.</param>
/// <param name="Malformed">How the record breaks the contract; <see cref="MalformedKind.None"/> for valid ones.</param>
/// <param name="IsDuplicate">A byte-identical resend of an earlier record.</param>
/// <param name="IsAnomaly">Injected by the anomaly burst.</param>
/// <param name="IsOptedOut">The user is in <see cref="GeneratorOptions.OptedOutUsers"/>.</param>
internal sealed record EventTruth(
    string? Type,
    string Path,
    string User,
    DateTimeOffset EventTime,
    string? EventId,
    MalformedKind Malformed,
    bool IsDuplicate,
    bool IsAnomaly,
    bool IsOptedOut)
{
    public bool IsMalformed => Malformed != MalformedKind.None;
}

/// <summary>One Kafka record for <c>activity.raw</c>: key (null for some), value, and what it stands for.</summary>
internal sealed record GeneratedRecord(byte[]? Key, byte[] Value, EventTruth Truth);
