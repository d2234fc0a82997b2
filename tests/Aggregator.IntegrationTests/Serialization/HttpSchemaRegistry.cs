using Aggregator.IntegrationTests.Infrastructure;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Aggregator.Serialization;
using Confluent.SchemaRegistry;
using Microsoft.AspNetCore.Http;

namespace Aggregator.IntegrationTests.Serialization;

/// <summary>
/// Confluent Schema Registry's REST surface as the worker's client uses it (register, look up, schema by id), over an
/// <see cref="InMemorySchemaRegistry"/>, on 127.0.0.1 — and switchable <see cref="Down"/> (503 to everything), to show
/// what the worker does while the registry is away. Requests it does not serve are recorded in <see cref="Unserved"/>.
/// </summary>
internal sealed class HttpSchemaRegistry : IAsyncDisposable
{
    private LoopbackHttpServer _server = null!;

    public InMemorySchemaRegistry Registry { get; } = new();

    public Uri BaseAddress => _server.BaseAddress;

    public volatile bool Down;

    public ConcurrentQueue<string> Unserved { get; } = new();

    public int Refused => _refused;

    private int _refused;

    public static async Task<HttpSchemaRegistry> StartAsync()
    {
        var registry = new HttpSchemaRegistry();
        registry._server = await LoopbackHttpServer.StartAsync(registry.HandleAsync);
        return registry;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        if (Down)
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var path = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            object answer = (context.Request.Method, path) switch
            {
                ("POST", ["subjects", var subject, "versions"]) => new { id = await Registry.RegisterSchemaAsync(Uri.UnescapeDataString(subject), await SchemaOf(context)) },
                ("POST", ["subjects", var subject]) => Registered(await Registry.LookupSchemaAsync(Uri.UnescapeDataString(subject), await SchemaOf(context), ignoreDeletedSchemas: true)),
                ("GET", ["schemas", "ids", var id]) => new { schema = (await Registry.GetSchemaAsync(int.Parse(id, System.Globalization.CultureInfo.InvariantCulture))).SchemaString },
                // Confluent's deserializer asks for a topic's associations (data contracts): there are none.
                ("GET", ["associations", ..]) => Array.Empty<object>(),
                _ => throw new SchemaRegistryException("not served by the test registry", HttpStatusCode.NotFound, 404),
            };
            await context.Response.WriteAsJsonAsync(answer);
        }
        catch (SchemaRegistryException ex)
        {
            if (ex.ErrorCode == 404)
            {
                Unserved.Enqueue(context.Request.Method + " " + context.Request.Path + context.Request.QueryString);
            }

            context.Response.StatusCode = (int)ex.Status;
            await context.Response.WriteAsJsonAsync(new { error_code = ex.ErrorCode, message = ex.Message });
        }
    }

    private static object Registered(RegisteredSchema schema) => new { subject = schema.Subject, id = schema.Id, version = schema.Version, schema = schema.SchemaString };

    private static async Task<Schema> SchemaOf(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        return new Schema(body.RootElement.GetProperty("schema").GetString()!, SchemaType.Avro);
    }
}
