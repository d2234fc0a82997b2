using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Aggregator.Activity;

/// <summary>
/// The payload a dead letter keeps: the rejected value with the refined topic's masking applied (issue 14) — IP
/// truncated, sensitive query parameters removed from <c>url</c> and <c>referrer</c> (fragments dropped: OAuth puts
/// tokens there), the user agent reduced to the device class, browser and OS, and <c>properties</c> through the
/// allow-list. Every other field is kept byte for byte, so the reason can still be seen and the record fixed. A value
/// that is not a readable JSON object cannot be masked field by field, so it is withheld (the headers still say why
/// and where from). Pure and thread-safe.
/// </summary>
internal sealed class DeadLetterMasker(QueryStringSanitizer sanitizer, PropertyAllowList properties)
{
    /// <summary>What was kept, and which of <see cref="DeadLetterPayload"/> it is.</summary>
    public (byte[]? Value, string Payload) Mask(byte[]? value)
    {
        if (value is null || value.Length == 0)
        {
            return (value, DeadLetterPayload.Masked);
        }

        var span = value.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        if (!Utf8.IsValid(span))
        {
            return (null, DeadLetterPayload.Withheld);
        }

        try
        {
            return Rewrite(span) is { } masked ? (masked, DeadLetterPayload.Masked) : (null, DeadLetterPayload.Withheld);
        }
        catch (JsonException)
        {
            // Malformed JSON: Utf8JsonReader offers no non-throwing way to find out.
            return (null, DeadLetterPayload.Withheld);
        }
    }

    private byte[]? Rewrite(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var raw = json[start..(int)reader.BytesConsumed];
                writer.WritePropertyName(name);
                WriteValue(writer, name, raw, reader.TokenType == JsonTokenType.String ? reader.GetString() : null);
            }

            writer.WriteEndObject();
        }

        // Trailing content ("{} x") throws here, like the parser: such a value is withheld.
        reader.Read();
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteValue(Utf8JsonWriter writer, string name, ReadOnlySpan<byte> raw, string? text)
    {
        switch (name)
        {
            case "ip" when text is not null:
                WriteStringOrNull(writer, IpMasker.Mask(text));
                return;
            case "url" or "referrer" when text is not null:
                writer.WriteStringValue(SanitizeUrl(text));
                return;
            case "userAgent" when text is not null:
                var device = UserAgentClassifier.Classify(text);
                writer.WriteStringValue(device.Class + "; " + device.Browser + "; " + device.Os);
                return;
            case "ip" or "url" or "referrer" or "userAgent" when raw[0] != (byte)'n':
                // Not a string (perhaps the reason for the rejection): its content cannot be masked, so it is not kept.
                writer.WriteNullValue();
                return;
            case "properties" when raw[0] != (byte)'n':
                properties.Write(raw, writer);
                return;
            default:
                writer.WriteRawValue(raw, skipInputValidation: true);
                return;
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private string SanitizeUrl(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var withoutFragment = hash < 0 ? url : url[..hash];
        var question = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return withoutFragment;
        }

        var query = sanitizer.Sanitize(withoutFragment[(question + 1)..]);
        return query.Length == 0 ? withoutFragment[..question] : withoutFragment[..(question + 1)] + query;
    }
}
