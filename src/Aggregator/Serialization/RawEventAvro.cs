using System.Buffers;
using System.Text.Json;
using Aggregator.Activity;
using Avro.Generic;

namespace Aggregator.Serialization;

/// <summary>
/// Avro raw events ↔ the JSON contract. A decoded Avro record is rewritten as the contract's JSON object and then goes
/// through the one parser (<see cref="RawEventParser"/>), so both formats are validated, masked and enriched by the same
/// code and dead-lettered with the same reasons. Fields the contract does not name are not carried (Avro has no
/// verbatim JSON to carry); <c>properties</c> is JSON text in Avro and written raw.
/// </summary>
internal static class RawEventAvro
{
    private static readonly string[] OptionalStrings = ["userId", "anonymousId", "eventId", "sessionId", "url", "referrer", "userAgent", "ip"];

    /// <exception cref="JsonException"><c>properties</c> is not JSON.</exception>
    /// <exception cref="InvalidCastException">A field has a type the contract does not allow.</exception>
    public static byte[] ToContractJson(GenericRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (record.TryGetValue("type", out var type) && type is not null)
            {
                json.WriteString("type", (string)type);
            }

            if (record.TryGetValue("timestamp", out var timestamp) && timestamp is not null)
            {
                json.WriteNumber("timestamp", RefinedEventAvro.Time(timestamp).ToUnixTimeMilliseconds());
            }

            foreach (var field in OptionalStrings)
            {
                if (record.TryGetValue(field, out var value) && value is not null)
                {
                    json.WriteString(field, (string)value);
                }
            }

            if (record.TryGetValue("properties", out var properties) && properties is not null)
            {
                json.WritePropertyName("properties");
                json.WriteRawValue((string)properties);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A contract JSON event as a <c>raw-value.avsc</c> record (the generator's Avro mode); null when the JSON cannot be
    /// one (malformed on purpose, a missing type or timestamp): such values are sent as they are.
    /// </summary>
    public static GenericRecord? FromContractJson(ReadOnlySpan<byte> value)
    {
        try
        {
            using var json = JsonDocument.Parse(value.ToArray());
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("timestamp", out var timestamp) || Timestamp(timestamp) is not { } time)
            {
                return null;
            }

            var record = new GenericRecord(AvroSchemas.RawValue);
            record.Add("type", type.GetString());
            record.Add("timestamp", time.UtcDateTime);
            foreach (var field in OptionalStrings)
            {
                record.Add(field, root.TryGetProperty(field, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null);
            }

            record.Add("properties", root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                ? properties.GetRawText()
                : null);
            return record;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Timestamp(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var epochMs) => DateTimeOffset.FromUnixTimeMilliseconds(epochMs),
        JsonValueKind.String when value.TryGetDateTimeOffset(out var time) => UtcTimestamp.TruncateToMilliseconds(time),
        _ => null,
    };
}
