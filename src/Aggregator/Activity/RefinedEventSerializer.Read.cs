using System.Text;
using System.Text.Json;

namespace Aggregator.Activity;

internal static partial class RefinedEventSerializer
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>Reads a refined record; the event references <paramref name="json"/>'s memory, nothing is copied.</summary>
    public static RefinedEvent Deserialize(byte[] json) => Deserialize(new ReadOnlyMemory<byte>(json));

    /// <summary>Reads a refined record; the event copies what it keeps, so <paramref name="json"/> may be reused.</summary>
    public static RefinedEvent Deserialize(ReadOnlySpan<byte> json) => Deserialize(new ReadOnlyMemory<byte>(json.ToArray()));

    /// <summary>
    /// Reads a refined record without copying: <see cref="RefinedEvent.Properties"/> and
    /// <see cref="RefinedEvent.ExtraFields"/> are slices of <paramref name="json"/>. Repeated values (type,
    /// hosts, device names) come from shared caches, so the per-record cost is the ids, path and query.
    /// </summary>
    /// <exception cref="JsonException">The value is not a refined record.</exception>
    public static RefinedEvent Deserialize(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A refined record must be a JSON object.");
        }

        string? eventId = null, type = null, userId = null, anonymousId = null, sessionId = null, referrerHost = null, ip = null;
        DateTimeOffset? eventTime = null, ingestTime = null;
        PageInfo? page = null;
        DeviceInfo? device = null;
        ReadOnlyMemory<byte> properties = default;
        List<RawJsonField>? extra = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
            switch (name.Length)
            {
                case 2 when name.SequenceEqual("ip"u8): ip = ReadString(ref reader); break;
                case 4 when name.SequenceEqual("type"u8): type = ReadString(ref reader, Utf8StringCache.EventTypes); break;
                case 4 when name.SequenceEqual("page"u8): page = ReadPage(ref reader); break;
                case 6 when name.SequenceEqual("userId"u8): userId = ReadString(ref reader); break;
                case 6 when name.SequenceEqual("device"u8): device = ReadDevice(ref reader); break;
                case 7 when name.SequenceEqual("eventId"u8): eventId = ReadString(ref reader); break;
                case 9 when name.SequenceEqual("sessionId"u8): sessionId = ReadString(ref reader); break;
                case 9 when name.SequenceEqual("eventTime"u8): eventTime = ReadTime(ref reader); break;
                case 10 when name.SequenceEqual("ingestTime"u8): ingestTime = ReadTime(ref reader); break;
                case 10 when name.SequenceEqual("properties"u8): properties = ReadRaw(ref reader, json); break;
                case 11 when name.SequenceEqual("anonymousId"u8): anonymousId = ReadString(ref reader); break;
                case 12 when name.SequenceEqual("referrerHost"u8): referrerHost = ReadString(ref reader, Utf8StringCache.Hosts); break;
                default:
                    var fieldName = reader.ValueIsEscaped ? reader.GetString()! : Utf8StringCache.FieldNames.Get(name);
                    (extra ??= new List<RawJsonField>(4)).Add(new RawJsonField(fieldName, ReadRaw(ref reader, json)));
                    break;
            }
        }

        reader.Read();

        return new RefinedEvent
        {
            EventId = eventId ?? throw Missing("eventId"),
            Type = type ?? throw Missing("type"),
            UserId = userId,
            AnonymousId = anonymousId,
            SessionId = sessionId,
            EventTime = eventTime ?? throw Missing("eventTime"),
            IngestTime = ingestTime ?? throw Missing("ingestTime"),
            Page = page,
            ReferrerHost = referrerHost,
            Device = device,
            Ip = ip,
            Properties = properties,
            ExtraFields = extra ?? (IReadOnlyList<RawJsonField>)[],
        };
    }

    private static PageInfo ReadPage(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "page");
        string host = string.Empty, path = string.Empty, query = string.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("host"u8))
            {
                host = ReadString(ref reader, Utf8StringCache.Hosts);
            }
            else if (reader.ValueTextEquals("path"u8))
            {
                path = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("query"u8))
            {
                query = ReadString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new PageInfo(host, path, query);
    }

    private static DeviceInfo ReadDevice(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "device");
        string deviceClass = DeviceClasses.Desktop, browser = BrowserNames.Other, os = OsNames.Other;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("class"u8))
            {
                deviceClass = ReadString(ref reader, Utf8StringCache.FieldNames);
            }
            else if (reader.ValueTextEquals("browser"u8))
            {
                browser = ReadString(ref reader, Utf8StringCache.FieldNames);
            }
            else if (reader.ValueTextEquals("os"u8))
            {
                os = ReadString(ref reader, Utf8StringCache.FieldNames);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new DeviceInfo(deviceClass, browser, os);
    }

    private static string ReadString(ref Utf8JsonReader reader, Utf8StringCache? cache = null)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a string, got " + JsonTokenNames.Describe(reader.TokenType) + ".");
        }

        if (cache is not null && !reader.ValueIsEscaped)
        {
            return cache.Get(reader.ValueSpan);
        }

        return reader.GetString()!;
    }

    private static DateTimeOffset ReadTime(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String
            && (UtcTimestamp.TryParse(reader.ValueSpan, out var value) || reader.TryGetDateTimeOffset(out value)))
        {
            return UtcTimestamp.TruncateToMilliseconds(value);
        }

        throw new JsonException("Expected an ISO-8601 UTC time.");
    }

    private static ReadOnlyMemory<byte> ReadRaw(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..(int)reader.BytesConsumed];
    }

    private static void ExpectStartObject(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("'" + name + "' must be an object.");
        }
    }

    private static JsonException Missing(string name) => new("A refined record needs '" + name + "'.");
}
