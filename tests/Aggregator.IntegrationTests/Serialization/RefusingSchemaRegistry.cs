using Aggregator.IntegrationTests.Infrastructure;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace Aggregator.IntegrationTests.Serialization;

/// <summary>
/// A real HTTP server on 127.0.0.1 answering registrations the way Confluent's Schema Registry refuses an incompatible
/// schema (409, <c>{"error_code":409,"message":…}</c>), so the worker's real registry client meets the real REST shape.
/// Records the basic-auth header it was sent.
/// </summary>
internal sealed class RefusingSchemaRegistry : IAsyncDisposable
{
    private LoopbackHttpServer _server = null!;

    public Uri BaseAddress => _server.BaseAddress;

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<RefusingSchemaRegistry> StartAsync()
    {
        var registry = new RefusingSchemaRegistry();
        registry._server = await LoopbackHttpServer.StartAsync(registry.HandleAsync);
        return registry;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        var subject = context.Request.Path.Value!.Split('/')[2];
        context.Response.StatusCode = StatusCodes.Status409Conflict;
        context.Response.ContentType = "application/vnd.schemaregistry.v1+json";
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["error_code"] = 409,
            ["message"] = $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\", details: [READER_FIELD_MISSING_DEFAULT_VALUE]",
        });
    }
}
