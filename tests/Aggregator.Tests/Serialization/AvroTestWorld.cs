using System.Text;
using System.Text.Json.Nodes;
using Aggregator.Activity;
using Aggregator.Hosting.Options;
using Aggregator.Serialization;
using Confluent.SchemaRegistry;

namespace Aggregator.Tests.Serialization;

/// <summary>An in-memory registry with the worker's schemas registered, as <see cref="SchemaRegistration"/> leaves it.</summary>
internal static class AvroTestWorld
{
    public static TopicsOptions Topics { get; } = new();

    public static InMemorySchemaRegistry RegistryWithSchemas()
    {
        var registry = new InMemorySchemaRegistry();
        foreach (var (subject, schema) in SchemaRegistration.Subjects(Topics, includeRaw: true))
        {
            registry.RegisterSchemaAsync(subject, new Schema(schema, SchemaType.Avro)).GetAwaiter().GetResult();
        }

        return registry;
    }

    /// <summary>The schema with one more field (JSON of a field declaration) appended.</summary>
    public static string WithField(Avro.Schema schema, string field)
    {
        var json = JsonNode.Parse(schema.ToString())!;
        json["fields"]!.AsArray().Add(JsonNode.Parse(field));
        return json.ToJsonString();
    }

    /// <summary>The schema with one field's type replaced.</summary>
    public static string WithType(Avro.Schema schema, string field, string type)
    {
        var json = JsonNode.Parse(schema.ToString())!;
        json["fields"]!.AsArray().Single(node => (string)node!["name"]! == field)!["type"] = type;
        return json.ToJsonString();
    }

    public static RefinedEvent FullEvent() => new()
    {
        EventId = "e-1",
        Type = "page_view",
        UserId = "u-1",
        AnonymousId = "a-1",
        SessionId = "s-1",
        EventTime = new DateTimeOffset(2026, 11, 21, 1, 5, 0, 123, TimeSpan.Zero),
        IngestTime = new DateTimeOffset(2026, 11, 21, 10, 0, 0, 7, TimeSpan.Zero),
        Page = new PageInfo("shop.example.com", "/products/42", "x=1"),
        ReferrerHost = "www.google.com",
        Device = new DeviceInfo("mobile", "Samsung Internet", "Android"),
        Ip = "203.0.113.0",
        Properties = Encoding.UTF8.GetBytes("""{"price": 12.50, "tags":["a"]}"""),
        ExtraFields = [new RawJsonField("appVersion", Encoding.UTF8.GetBytes("\"3.2\"")), new RawJsonField("n", Encoding.UTF8.GetBytes("1.0E+2"))],
    };

    public static RefinedEvent MinimalEvent() => new()
    {
        EventId = "gen-00",
        Type = "click",
        AnonymousId = "a-9",
        EventTime = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_001),
        IngestTime = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_002),
    };
}
