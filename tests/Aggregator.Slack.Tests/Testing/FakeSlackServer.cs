using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aggregator.Slack.Tests.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, random port) standing in for Slack's webhook endpoint. It records
/// every request and answers from a script (default: 200 "ok", as Slack does).
/// </summary>
internal sealed class FakeSlackServer : IAsyncDisposable
{
    // Looks like a Slack webhook's secret part; tests assert it never leaks.
    public const string SecretToken = "XyZsEcReTtOkEn0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _abandoned;

    private FakeSlackServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Requests the client gave up on (closed the connection) while this server was holding the answer back.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    public static async Task<FakeSlackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeSlackServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        server.BaseAddress = new Uri(address.Addresses.Single());
        return server;
    }

    /// <summary>A webhook URL on this server, shaped like Slack's: /services/T…/B…/secret.</summary>
    public Uri Webhook(string channel) => new(BaseAddress, $"/services/T0{channel}/B0{channel}/{SecretToken}{channel}");

    public void Respond(HttpStatusCode status, string body = "", string? retryAfter = null, TimeSpan hang = default) =>
        _script.Enqueue(new ScriptedResponse(status, body, retryAfter, hang));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = _clock.Elapsed;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method, context.Request.Path, context.Request.ContentType, body, arrived));

        var response = _script.TryDequeue(out var scripted) ? scripted : new ScriptedResponse(HttpStatusCode.OK, "ok", null, default);
        if (response.Hang > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Hang, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _abandoned);
                return;
            }
        }

        context.Response.StatusCode = (int)response.Status;
        if (response.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = response.RetryAfter;
        }

        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    private sealed record ScriptedResponse(HttpStatusCode Status, string Body, string? RetryAfter, TimeSpan Hang);
}

/// <summary>What the server saw; <see cref="Arrived"/> is measured on the server's own stopwatch.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? ContentType, string Body, TimeSpan Arrived);
