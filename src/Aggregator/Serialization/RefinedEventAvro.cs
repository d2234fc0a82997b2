using System.Text;
using Aggregator.Activity;
using Avro.Generic;

namespace Aggregator.Serialization;

/// <summary>
/// <see cref="RefinedEvent"/> ↔ the <c>refined-value.avsc</c> / <c>refined-key.avsc</c> records. Fields are read by
/// name, so a record written with an older or newer compatible schema maps too (unknown fields ignored, missing
/// optional ones null).
/// </summary>
internal static class RefinedEventAvro
{
    public static GenericRecord Key(string key)
    {
        var record = new GenericRecord(AvroSchemas.RefinedKey);
        record.Add("user", key);
        return record;
    }

    public static string Key(GenericRecord record) => (string)record["user"];

    public static GenericRecord Value(RefinedEvent refined)
    {
        var record = new GenericRecord(AvroSchemas.RefinedValue);
        record.Add("eventId", refined.EventId);
        record.Add("type", refined.Type);
        record.Add("userId", refined.UserId);
        record.Add("anonymousId", refined.AnonymousId);
        record.Add("sessionId", refined.SessionId);
        record.Add("eventTime", refined.EventTime.UtcDateTime);
        record.Add("ingestTime", refined.IngestTime.UtcDateTime);
        record.Add("page", refined.Page is { } page ? Page(page) : null);
        record.Add("referrerHost", refined.ReferrerHost);
        record.Add("device", refined.Device is { } device ? Device(device) : null);
        record.Add("ip", refined.Ip);
        record.Add("properties", refined.Properties.IsEmpty ? null : Encoding.UTF8.GetString(refined.Properties.Span));
        record.Add("extraFields", refined.ExtraFields.Select(ExtraField).ToArray<object>());
        return record;
    }

    public static RefinedEvent Value(GenericRecord record)
    {
        var page = Optional<GenericRecord>(record, "page");
        var device = Optional<GenericRecord>(record, "device");
        var properties = Optional<string>(record, "properties");
        var extra = Optional<object[]>(record, "extraFields") ?? [];
        return new RefinedEvent
        {
            EventId = (string)record["eventId"],
            Type = (string)record["type"],
            UserId = Optional<string>(record, "userId"),
            AnonymousId = Optional<string>(record, "anonymousId"),
            SessionId = Optional<string>(record, "sessionId"),
            EventTime = Time(record["eventTime"]),
            IngestTime = Time(record["ingestTime"]),
            Page = page is null ? null : new PageInfo((string)page["host"], (string)page["path"], (string)page["query"]),
            ReferrerHost = Optional<string>(record, "referrerHost"),
            Device = device is null ? null : new DeviceInfo((string)device["class"], (string)device["browser"], (string)device["os"]),
            Ip = Optional<string>(record, "ip"),
            Properties = properties is null ? default : Encoding.UTF8.GetBytes(properties),
            ExtraFields = extra.Cast<GenericRecord>()
                .Select(field => new RawJsonField((string)field["name"], Encoding.UTF8.GetBytes((string)field["json"])))
                .ToArray(),
        };
    }

    /// <summary>A timestamp-millis value as Apache.Avro hands it over (a UTC <see cref="DateTime"/>).</summary>
    internal static DateTimeOffset Time(object value) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        long epochMs => DateTimeOffset.FromUnixTimeMilliseconds(epochMs),
        _ => throw new InvalidCastException("A timestamp-millis field holds a " + value.GetType().Name + "."),
    };

    internal static T? Optional<T>(GenericRecord record, string field)
        where T : class =>
        record.TryGetValue(field, out var value) ? value as T : null;

    private static GenericRecord Page(PageInfo page)
    {
        var record = new GenericRecord(PageSchema);
        record.Add("host", page.Host);
        record.Add("path", page.Path);
        record.Add("query", page.Query);
        return record;
    }

    private static GenericRecord Device(DeviceInfo device)
    {
        var record = new GenericRecord(DeviceSchema);
        record.Add("class", device.Class);
        record.Add("browser", device.Browser);
        record.Add("os", device.Os);
        return record;
    }

    private static GenericRecord ExtraField(RawJsonField field)
    {
        var record = new GenericRecord(ExtraFieldSchema);
        record.Add("name", field.Name);
        record.Add("json", Encoding.UTF8.GetString(field.RawValue.Span));
        return record;
    }

    private static readonly Avro.RecordSchema PageSchema = Branch("page");
    private static readonly Avro.RecordSchema DeviceSchema = Branch("device");
    private static readonly Avro.RecordSchema ExtraFieldSchema =
        (Avro.RecordSchema)((Avro.ArraySchema)AvroSchemas.RefinedValue["extraFields"].Schema).ItemSchema;

    // The record branch of a ["null", record] field.
    private static Avro.RecordSchema Branch(string field) =>
        ((Avro.UnionSchema)AvroSchemas.RefinedValue[field].Schema).Schemas.OfType<Avro.RecordSchema>().Single();
}
