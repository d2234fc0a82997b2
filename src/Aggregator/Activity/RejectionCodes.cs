namespace Aggregator.Activity;

/// <summary>
/// The stable machine codes a rejected raw event carries in its <c>dlq.reason</c> header. Dashboards,
/// alerts and replay tooling match on these strings: add new ones, never rename or reuse one.
/// </summary>
internal static class RejectionCodes
{
    /// <summary>The value is null/empty, not UTF-8, or not well-formed JSON.</summary>
    public const string NotJson = "not_json";

    /// <summary>The value is well-formed JSON but not an object (array, string, number…).</summary>
    public const string NotObject = "not_object";

    /// <summary>A required field (<c>type</c>, <c>timestamp</c>, <c>userId</c>/<c>anonymousId</c>) is absent or null.</summary>
    public const string MissingField = "missing_field";

    /// <summary>A known field has the wrong JSON type (e.g. <c>"url": 5</c>, <c>"properties": []</c>).</summary>
    public const string WrongType = "wrong_type";

    /// <summary>A known field has the right type but an unacceptable value (empty, too long).</summary>
    public const string InvalidField = "invalid_field";

    /// <summary>The same property name occurs twice in the object; which one wins would be a guess.</summary>
    public const string DuplicateField = "duplicate_field";

    /// <summary>An unknown field is named like a field the refined record derives (e.g. <c>page</c>), so carrying it would collide.</summary>
    public const string ReservedField = "reserved_field";

    /// <summary><c>timestamp</c> is neither an ISO-8601 string with an offset nor a number of epoch milliseconds.</summary>
    public const string TimestampUnparseable = "timestamp_unparseable";

    /// <summary><c>timestamp</c> is older than <see cref="ActivityValidationOptions.MaxEventAge"/> before the ingest time.</summary>
    public const string TimestampTooOld = "timestamp_too_old";

    /// <summary><c>timestamp</c> is later than <see cref="ActivityValidationOptions.MaxClockSkew"/> after the ingest time.</summary>
    public const string TimestampInFuture = "timestamp_in_future";

    /// <summary>The value is larger than <see cref="ActivityValidationOptions.MaxEventBytes"/>; checked before parsing.</summary>
    public const string Oversize = "oversize";

    /// <summary>
    /// The value is Confluent-framed Avro (magic byte 0) that cannot be read: schema id unknown to the registry, payload
    /// truncated or not decodable with its schema, or no registry configured. The detail names the schema id.
    /// </summary>
    public const string Schema = "schema";

    /// <summary>Every code, e.g. to pre-create one metric series per reason.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        NotJson, NotObject, MissingField, WrongType, InvalidField, DuplicateField, ReservedField,
        TimestampUnparseable, TimestampTooOld, TimestampInFuture, Oversize, Schema,
    ];
}
