using Aggregator.IntegrationTests.Infrastructure;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Aggregator.IntegrationTests.Reporting;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, random port) standing in for Slack's incoming webhooks, one URL per
/// channel. It records every POST with the status it answered, and answers 200 "ok" — or, while a test says so,
/// an error (500, or 429 with Retry-After) on one channel only.
/// </summary>
internal sealed class FakeSlackWebhook : IAsyncDisposable
{
    private LoopbackHttpServer _server = null!;
    private readonly ConcurrentQueue<SlackPost> _posts = new();
    private readonly ConcurrentDictionary<string, Failure> _failures = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public Uri BaseAddress => _server.BaseAddress;

    public IReadOnlyList<SlackPost> Posts => [.. _posts];

    public static async Task<FakeSlackWebhook> StartAsync()
    {
        var server = new FakeSlackWebhook();
        server._server = await LoopbackHttpServer.StartAsync(server.HandleAsync);
        return server;
    }

    public Uri Webhook(string channel) => new(BaseAddress, $"/services/T0/B0/{channel}");

    public IReadOnlyList<SlackPost> PostsTo(string channel) => [.. _posts.Where(p => p.Channel == channel)];

    /// <summary>The next <paramref name="times"/> POSTs to <paramref name="channel"/> get <paramref name="status"/>.</summary>
    public void Fail(string channel, HttpStatusCode status, int times = int.MaxValue, string? retryAfter = null) =>
        _failures[channel] = new Failure(status, retryAfter, times);

    public void Heal(string channel) => _failures.TryRemove(channel, out _);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = _clock.Elapsed;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var channel = context.Request.Path.Value!.Split('/')[^1];
        var status = HttpStatusCode.OK;
        string? retryAfter = null;
        if (_failures.TryGetValue(channel, out var failure) && failure.Remaining > 0)
        {
            status = failure.Status;
            retryAfter = failure.RetryAfter;
            _failures[channel] = failure with { Remaining = failure.Remaining - 1 };
        }

        _posts.Enqueue(new SlackPost(channel, body, (int)status, arrived));
        context.Response.StatusCode = (int)status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync(status == HttpStatusCode.OK ? "ok" : "error", context.RequestAborted);
    }

    private sealed record Failure(HttpStatusCode Status, string? RetryAfter, int Remaining);
}

/// <summary>One POST as the server saw it: the channel, the Block Kit JSON, what it answered and when (server clock).</summary>
internal sealed record SlackPost(string Channel, string Body, int Status, TimeSpan Arrived)
{
    public bool Accepted => Status == 200;

    /// <summary>Every text in the message (the fallback, headers, sections, fields, context), in order.</summary>
    public string AllText
    {
        get
        {
            using var json = JsonDocument.Parse(Body);
            var texts = new List<string>();
            Collect(json.RootElement, texts);
            return string.Join('\n', texts);
        }
    }

    private static void Collect(JsonElement element, List<string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "text" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        texts.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, texts);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, texts);
                }

                break;
        }
    }
}
