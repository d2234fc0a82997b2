using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aggregator.IntegrationTests.Faults;

/// <summary>
/// A local stand-in for Slack's incoming webhooks on a fixed loopback port: healthy (200 "ok"), failing (500, as
/// Slack answers during an incident) or refusing connections (the listener closed). Records every request it answers.
/// </summary>
internal sealed class FakeSlackWebhook : IAsyncDisposable
{
    private readonly ConcurrentQueue<WebhookRequest> _requests = new();
    private WebApplication? _app;
    private volatile bool _failing;

    public FakeSlackWebhook()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public string SummaryUrl => $"http://127.0.0.1:{Port}/services/T000/B000/summary";

    public string AlarmUrl => $"http://127.0.0.1:{Port}/services/T000/B000/alarm";

    public IReadOnlyCollection<WebhookRequest> Requests => _requests;

    public async Task FailAsync()
    {
        _failing = true;
        await ListenAsync();
    }

    public async Task RefuseAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async Task HealAsync()
    {
        _failing = false;
        await ListenAsync();
    }

    public async ValueTask DisposeAsync() => await RefuseAsync();

    private async Task ListenAsync()
    {
        if (_app is not null)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/services/T000/B000/{channel}", async (string channel, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = _failing ? 500 : 200;
            _requests.Enqueue(new WebhookRequest(DateTime.UtcNow, channel, status, body));
            return status == 200 ? Results.Text("ok") : Results.Text("internal_error", statusCode: 500);
        });
        await app.StartAsync();
        _app = app;
    }
}

internal sealed record WebhookRequest(DateTime At, string Channel, int Status, string Body);
