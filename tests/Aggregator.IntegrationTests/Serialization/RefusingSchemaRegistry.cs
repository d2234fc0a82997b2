using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aggregator.IntegrationTests.Serialization;

/// <summary>
/// A real HTTP server on 127.0.0.1 answering registrations the way Confluent's Schema Registry refuses an incompatible
/// schema (409, <c>{"error_code":409,"message":…}</c>), so the worker's real registry client meets the real REST shape.
/// Records the basic-auth header it was sent.
/// </summary>
internal sealed class RefusingSchemaRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RefusingSchemaRegistry(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<RefusingSchemaRegistry> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var registry = new RefusingSchemaRegistry(app);
        app.Run(registry.HandleAsync);
        await app.StartAsync();
        registry.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return registry;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

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
