using System.Text;
using System.Text.Json;

namespace Aggregator.Activity;

/// <summary>
/// Collects a raw event's top-level fields during the parser's single pass over the object: one call to
/// <see cref="Accept"/> per property. Pure bookkeeping; judging completeness is <see cref="RawEventParser"/>'s job.
/// </summary>
internal struct RawFieldValues
{
    /// <summary>Past this many unknown fields a set replaces the linear duplicate scan (hostile input only).</summary>
    private const int LinearScanLimit = 16;

    private uint _seen;
    private uint _nonNull;
    private List<RawJsonField>? _unknown;
    private HashSet<string>? _unknownNames;

    public string? Type;
    public string? UserId;
    public string? AnonymousId;
    public string? EventId;
    public string? SessionId;
    public string? Url;
    public string? Referrer;
    public string? UserAgent;
    public string? Ip;
    public long TimestampEpochMilliseconds;
    public ReadOnlyMemory<byte> Properties;

    public readonly IReadOnlyList<RawJsonField> UnknownFields => _unknown ?? (IReadOnlyList<RawJsonField>)[];

    /// <summary>True when the field occurred with a non-null value.</summary>
    public readonly bool Has(RawField field) => (_nonNull & Bit(field)) != 0;

    /// <summary>True when the field occurred at all, null included.</summary>
    public readonly bool Saw(RawField field) => (_seen & Bit(field)) != 0;

    /// <summary>
    /// Takes the value the reader is positioned on (the token after the property name) for <paramref name="field"/>.
    /// Returns why it is unacceptable, or null. Container values may be left unconsumed; the caller skips them.
    /// </summary>
    public Rejection? Accept(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, RawField field, string? unknownName)
    {
        if (field == RawField.Unknown)
        {
            return AcceptUnknown(ref reader, json, unknownName!);
        }

        if (field == RawField.Reserved)
        {
            return new Rejection(
                RejectionCodes.ReservedField,
                "field '" + unknownName + "' is reserved: the refined record derives a field of that name (send it inside 'properties' instead)");
        }

        var bit = Bit(field);
        if ((_seen & bit) != 0)
        {
            return Duplicate(RawFieldNames.ToName(field));
        }

        _seen |= bit;
        if (reader.TokenType == JsonTokenType.Null)
        {
            // Many SDKs serialise unset members as null: treat it as absent rather than as a wrong type.
            return null;
        }

        _nonNull |= bit;
        switch (field)
        {
            case RawField.Timestamp:
                return EventTimestampReader.TryRead(ref reader, out TimestampEpochMilliseconds);
            case RawField.Properties:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return WrongType(field, "an object", reader.TokenType);
                }

                Properties = Slice(ref reader, json);
                return null;
            default:
                return reader.TokenType == JsonTokenType.String
                    ? AcceptString(ref reader, field)
                    : WrongType(field, "a string", reader.TokenType);
        }
    }

    private Rejection? AcceptString(ref Utf8JsonReader reader, RawField field)
    {
        string value;
        if (!reader.ValueIsEscaped)
        {
            var utf8 = reader.ValueSpan;
            value = field == RawField.Type ? Utf8StringCache.EventTypes.Get(utf8) : Encoding.UTF8.GetString(utf8);
        }
        else if (!TryGetEscapedString(ref reader, out value))
        {
            return new Rejection(
                RejectionCodes.InvalidField,
                "field '" + RawFieldNames.ToName(field) + "' contains an invalid \\u escape (unpaired surrogate)");
        }

        switch (field)
        {
            case RawField.Type: Type = value; break;
            case RawField.UserId: UserId = value; break;
            case RawField.AnonymousId: AnonymousId = value; break;
            case RawField.EventId: EventId = value; break;
            case RawField.SessionId: SessionId = value; break;
            case RawField.Url: Url = value; break;
            case RawField.Referrer: Referrer = value; break;
            case RawField.UserAgent: UserAgent = value; break;
            case RawField.Ip: Ip = value; break;
        }

        return null;
    }

    private Rejection? AcceptUnknown(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, string name)
    {
        _unknown ??= new List<RawJsonField>(4);
        if (IsDuplicateUnknown(name))
        {
            return Duplicate(name);
        }

        _unknown.Add(new RawJsonField(name, Slice(ref reader, json)));
        return null;
    }

    private bool IsDuplicateUnknown(string name)
    {
        if (_unknownNames is not null)
        {
            return !_unknownNames.Add(name);
        }

        foreach (var existing in _unknown!)
        {
            if (string.Equals(existing.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (_unknown.Count >= LinearScanLimit)
        {
            _unknownNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var existing in _unknown)
            {
                _unknownNames.Add(existing.Name);
            }

            _unknownNames.Add(name);
        }

        return false;
    }

    /// <summary>The current value's exact bytes; consumes a container through its end token.</summary>
    private static ReadOnlyMemory<byte> Slice(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return json[start..(int)reader.BytesConsumed];
    }

    /// <summary>Unescapes a string; false for an unpaired surrogate escape, which has no UTF-16/UTF-8 form.</summary>
    internal static bool TryGetEscapedString(ref Utf8JsonReader reader, out string value)
    {
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = string.Empty;
            return false;
        }
    }

    private static uint Bit(RawField field) => 1u << (int)field;

    private static Rejection Duplicate(string name) =>
        new(RejectionCodes.DuplicateField, "field '" + name + "' occurs more than once; which value is meant is ambiguous");

    private static Rejection WrongType(RawField field, string expected, JsonTokenType actual) =>
        new(RejectionCodes.WrongType, "field '" + RawFieldNames.ToName(field) + "' must be " + expected + ", got " + JsonTokenNames.Describe(actual));
}
