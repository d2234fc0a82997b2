using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Options;

namespace Aggregator.Activity;

/// <summary>
/// Turns a raw Kafka value into a validated <see cref="RawEvent"/> or a <see cref="Rejection"/>, in one pass
/// with <see cref="Utf8JsonReader"/>. Bad input is data, not an error: every outcome is a return value.
/// The one exception caught is the reader's own <see cref="JsonException"/> for malformed JSON, which the
/// BCL offers no non-throwing way to detect; cheap pre-checks turn the common garbage (binary, text,
/// empty) into rejections before the reader ever sees it.
/// </summary>
internal sealed class RawEventParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    private readonly ActivityValidationOptions _options;

    public RawEventParser(IOptions<ActivityValidationOptions> options) => _options = options.Value;

    /// <param name="value">The Kafka message value. The result may reference it; do not reuse the buffer while it is alive.</param>
    /// <param name="ingestTime">The time the bounds are measured from (normally now).</param>
    public ParseResult Parse(ReadOnlyMemory<byte> value, DateTimeOffset ingestTime)
    {
        var span = value.Span;
        if (span.Length > _options.MaxEventBytes)
        {
            return ParseResult.Rejected(
                RejectionCodes.Oversize,
                "value is " + Format(span.Length) + " bytes, over the " + Format(_options.MaxEventBytes) + "-byte bound (MaxEventBytes)");
        }

        if (span.IsEmpty)
        {
            return ParseResult.Rejected(RejectionCodes.NotJson, "value is empty (null or zero bytes)");
        }

        // Validated up front, once, with a vectorised check: afterwards every slice carried through verbatim is
        // known to be valid UTF-8, and decoding never has to deal with replacement characters.
        if (!Utf8.IsValid(span))
        {
            return ParseResult.Rejected(RejectionCodes.NotJson, "value is not valid UTF-8");
        }

        // Utf8JsonReader rejects a byte order mark; some producers (PowerShell, .NET StreamWriter) write one.
        if (span.StartsWith("\uFEFF"u8))
        {
            value = value[3..];
            span = value.Span;
        }

        var first = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            return ParseResult.Rejected(RejectionCodes.NotJson, "value is only whitespace");
        }

        try
        {
            return span[first] == (byte)'{' ? ParseObject(value, ingestTime) : ClassifyNonObject(span, span[first]);
        }
        catch (JsonException ex)
        {
            return ParseResult.Rejected(RejectionCodes.NotJson, "value is not valid JSON: " + ex.Message);
        }
    }

    private ParseResult ParseObject(ReadOnlyMemory<byte> json, DateTimeOffset ingestTime)
    {
        var reader = new Utf8JsonReader(json.Span, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        reader.Read();
        var values = default(RawFieldValues);
        Rejection? rejection = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameRejection = ReadName(ref reader, out var field, out var name);
            reader.Read();
            rejection ??= nameRejection ?? values.Accept(ref reader, json, field, name);

            // After the first problem the rest is only read, so malformed JSON further on still wins as not_json.
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        // Trailing content after the object ("{} {}", "{}x") throws here; trailing whitespace is fine.
        reader.Read();

        if (rejection is not null)
        {
            return ParseResult.Rejected(rejection);
        }

        return Complete(ref values, ingestTime);
    }

    private ParseResult Complete(ref RawFieldValues values, DateTimeOffset ingestTime)
    {
        if (!values.Has(RawField.Type))
        {
            return Missing(values, RawField.Type);
        }

        var type = values.Type!;
        if (string.IsNullOrWhiteSpace(type))
        {
            return ParseResult.Rejected(RejectionCodes.InvalidField, "field 'type' is empty");
        }

        if (type.Length > ActivityValidationOptions.MaxTypeLength)
        {
            return ParseResult.Rejected(
                RejectionCodes.InvalidField,
                "field 'type' is " + Format(type.Length) + " characters long, over the "
                    + Format(ActivityValidationOptions.MaxTypeLength) + "-character limit");
        }

        if (!values.Has(RawField.Timestamp))
        {
            return Missing(values, RawField.Timestamp);
        }

        if (!values.Has(RawField.UserId) && !values.Has(RawField.AnonymousId))
        {
            return ParseResult.Rejected(
                RejectionCodes.MissingField,
                "required field 'userId' or 'anonymousId' is missing; at least one non-empty id is required");
        }

        var userId = NullIfBlank(values.UserId);
        var anonymousId = NullIfBlank(values.AnonymousId);
        if (userId is null && anonymousId is null)
        {
            return ParseResult.Rejected(
                RejectionCodes.InvalidField,
                "fields 'userId' and 'anonymousId' are empty or absent; at least one non-empty id is required");
        }

        var bounds = new EventTimeBounds(ingestTime, _options.MaxEventAge, _options.MaxClockSkew);
        if (bounds.Check(values.TimestampEpochMilliseconds) is { } outOfBounds)
        {
            return ParseResult.Rejected(outOfBounds);
        }

        return ParseResult.Valid(new RawEvent
        {
            Type = type,
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(values.TimestampEpochMilliseconds),
            UserId = userId,
            AnonymousId = anonymousId,
            EventId = NullIfBlank(values.EventId),
            SessionId = NullIfBlank(values.SessionId),
            Url = NullIfBlank(values.Url),
            Referrer = NullIfBlank(values.Referrer),
            UserAgent = NullIfBlank(values.UserAgent),
            Ip = NullIfBlank(values.Ip),
            Properties = values.Properties,
            UnknownFields = values.UnknownFields,
        });
    }

    /// <summary>Matches the property name; materialises it as a string only for fields carried through.</summary>
    private static Rejection? ReadName(ref Utf8JsonReader reader, out RawField field, out string? name)
    {
        name = null;
        if (!reader.ValueIsEscaped)
        {
            field = RawFieldNames.Match(reader.ValueSpan);
            if (field is RawField.Unknown or RawField.Reserved)
            {
                name = Utf8StringCache.FieldNames.Get(reader.ValueSpan);
            }

            return null;
        }

        // Escaped names are rare but must not dodge matching or duplicate detection ("t\u0079pe" is "type").
        if (!RawFieldValues.TryGetEscapedString(ref reader, out var unescaped))
        {
            field = RawField.Unknown;
            return new Rejection(RejectionCodes.InvalidField, "a field name contains an invalid \\u escape (unpaired surrogate)");
        }

        field = RawFieldNames.Match(Encoding.UTF8.GetBytes(unescaped));
        if (field is RawField.Unknown or RawField.Reserved)
        {
            name = unescaped;
        }

        return null;
    }

    /// <summary>Starts with something other than '{': a JSON scalar/array (not_object) or not JSON at all.</summary>
    private static ParseResult ClassifyNonObject(ReadOnlySpan<byte> json, byte first)
    {
        if (first is not ((byte)'[' or (byte)'"' or (byte)'-' or (>= (byte)'0' and <= (byte)'9') or (byte)'t' or (byte)'f' or (byte)'n'))
        {
            return ParseResult.Rejected(RejectionCodes.NotJson, "value is not JSON (it starts with " + DescribeByte(first) + ")");
        }

        // Read it through: "[1,2" or "nope" is not JSON, "[1,2]" is JSON that is not an object.
        var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        reader.Read();
        var tokenType = reader.TokenType;
        reader.Skip();
        reader.Read();
        return ParseResult.Rejected(RejectionCodes.NotObject, "value is a JSON " + JsonTokenNames.Describe(tokenType) + ", expected an object");
    }

    private static ParseResult Missing(in RawFieldValues values, RawField field) =>
        ParseResult.Rejected(
            RejectionCodes.MissingField,
            "required field '" + RawFieldNames.ToName(field) + "' is " + (values.Saw(field) ? "null" : "missing"));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string DescribeByte(byte value) =>
        value is >= 0x20 and < 0x7F ? "'" + (char)value + "'" : "byte 0x" + value.ToString("X2", CultureInfo.InvariantCulture);

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
