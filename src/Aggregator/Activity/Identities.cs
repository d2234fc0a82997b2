namespace Aggregator.Activity;

/// <summary>
/// The identities a raw record names, as far as they can be read: the top-level <c>userId</c> and <c>anonymousId</c>
/// string values and the record key (the collector may key by user). Read from records that failed validation, so
/// the opt-out promise holds for them too: an opted-out person's malformed event is not stored in the DLQ.
/// </summary>
internal readonly record struct Identities(string? UserId, string? AnonymousId, string? Key);
