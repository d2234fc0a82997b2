using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Aggregator.Slack.Tests.Testing;

namespace Aggregator.Slack.Tests.Delivery;

/// <summary>The library wired by AddSlack, posting over real HTTP to a local server, in real time.</summary>
public sealed class SlackWebhookClientTests : IAsyncLifetime
{
    private FakeSlackServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Send_PostsSlackJson_ToTheKindsWebhook()
    {
        await using var host = new SlackTestHost(SlackTestHost.FastSettings(_server));

        var result = await host.Sender.SendAsync(Messages.Summary(), CancellationToken.None);

        Assert.Equal(SlackDeliveryStatus.Delivered, result.Status);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(_server.Webhook("summary").AbsolutePath, request.Path);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(["text", "blocks"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Activity 10:00–10:10 UTC: 1,234 events from 56 users", root.GetProperty("text").GetString());
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "section", "divider", "context"], blocks.Select(b => b.GetProperty("type").GetString()));

        var header = blocks[0].GetProperty("text");
        Assert.Equal("plain_text", header.GetProperty("type").GetString());
        Assert.Equal("📊 Activity 10:00–10:10 UTC", header.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.True, header.GetProperty("emoji").ValueKind);

        Assert.Equal("mrkdwn", blocks[1].GetProperty("text").GetProperty("type").GetString());
        Assert.False(blocks[1].TryGetProperty("fields", out _));

        var fields = blocks[2].GetProperty("fields").EnumerateArray().ToList();
        Assert.False(blocks[2].TryGetProperty("text", out _));
        Assert.Equal(3, fields.Count);
        Assert.All(fields, f => Assert.Equal("mrkdwn", f.GetProperty("type").GetString()));
        Assert.Equal("*Logins*\n120  ▁▂▃▅▇█", fields[0].GetProperty("text").GetString());

        Assert.Equal(["type"], blocks[3].EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, blocks[4].GetProperty("elements").GetArrayLength());
    }

    [Fact]
    public async Task Send_RoutesEachKindToItsOwnWebhook()
    {
        await using var host = new SlackTestHost(SlackTestHost.FastSettings(_server));

        await host.Sender.SendAsync(Messages.Alarm(), CancellationToken.None);
        await host.Sender.SendAsync(Messages.Summary(), CancellationToken.None);

        Assert.Equal(
            [_server.Webhook("alarm").AbsolutePath, _server.Webhook("summary").AbsolutePath],
            _server.Requests.Select(r => r.Path));
        Assert.Contains("Error rate above threshold", _server.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_RetriesServerErrors_AndDeliversOnce()
    {
        _server.Respond(HttpStatusCode.InternalServerError, "rollup_error");
        _server.Respond(HttpStatusCode.InternalServerError, "rollup_error");
        await using var host = new SlackTestHost(SlackTestHost.FastSettings(_server));

        var result = await host.Sender.SendAsync(Messages.Alarm(), CancellationToken.None);

        Assert.Equal(SlackDeliveryResult.Delivered, result);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Single(_server.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task Send_HonoursRetryAfter_On429()
    {
        _server.Respond(HttpStatusCode.TooManyRequests, "rate_limited", retryAfter: "1");
        await using var host = new SlackTestHost(SlackTestHost.FastSettings(_server));

        var result = await host.Sender.SendAsync(Messages.Alarm(), CancellationToken.None);

        Assert.True(result.IsDelivered, result.ToString());
        Assert.Equal(2, _server.Requests.Count);
        var waited = _server.Requests[1].Arrived - _server.Requests[0].Arrived;
        Assert.True(waited >= TimeSpan.FromSeconds(1), $"second attempt after {waited.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Send_BadRequest_IsPermanentAfterOneRequest()
    {
        _server.Respond(HttpStatusCode.BadRequest, "invalid_blocks");
        await using var host = new SlackTestHost(SlackTestHost.FastSettings(_server));

        var result = await host.Sender.SendAsync(Messages.Alarm(), CancellationToken.None);

        Assert.Equal(SlackDeliveryStatus.PermanentFailure, result.Status);
        Assert.Equal(400, result.HttpStatusCode);
        Assert.Equal("HTTP 400 Bad Request: invalid_blocks", result.Reason);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "action_prohibited")]
    [InlineData(HttpStatusCode.NotFound, "no_service")]
    [InlineData(HttpStatusCode.Gone, "channel_is_archived")]
    public async Task Send_OtherClientErrors_ArePermanentAfterOneRequest(HttpStatusCode status, string error)
    {
        _server.Respond(status, error);
        await using var host = new SlackTestHost(SlackTestHost.FastSettings(_server));

        var result = await host.Sender.SendAsync(Messages.Summary(), CancellationToken.None);

        Assert.Equal(SlackDeliveryStatus.PermanentFailure, result.Status);
        Assert.Contains(error, result.Reason, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Send_WhenSlackKeepsFailing_ReturnsTransientAfterMaxAttempts()
    {
        for (var i = 0; i < 10; i++)
        {
            _server.Respond(HttpStatusCode.ServiceUnavailable, "service unavailable");
        }

        var settings = SlackTestHost.FastSettings(_server);
        settings["MaxAttempts"] = "3";
        await using var host = new SlackTestHost(settings);

        var result = await host.Sender.SendAsync(Messages.Alarm(), CancellationToken.None);

        Assert.Equal(SlackDeliveryStatus.TransientFailure, result.Status);
        Assert.Equal(503, result.HttpStatusCode);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Send_SlowAttempt_TimesOutAndIsRetried()
    {
        // Robust on a starved machine: the hang is far longer than anything else here, attempts to spare absorb
        // normal attempts that overrun the timeout too, and every time is measured by the client that started it.
        var hang = TimeSpan.FromSeconds(60);
        var timeout = TimeSpan.FromSeconds(1);
        _server.Respond(HttpStatusCode.OK, "ok", hang: hang);
        var settings = SlackTestHost.FastSettings(_server);
        settings["RequestTimeout"] = "00:00:01";
        settings["MaxAttempts"] = "10";
        settings["MaxTotalTime"] = "00:00:50";
        await using var host = new SlackTestHost(settings);

        var clock = Stopwatch.StartNew();
        var result = await host.Sender.SendAsync(Messages.Alarm(), CancellationToken.None);
        clock.Stop();

        Assert.True(result.IsDelivered, result.ToString());
        Assert.InRange(_server.Requests.Count, 2, 10);
        Assert.InRange(clock.Elapsed, timeout, hang); // cut off by the attempt timeout, not answered by the hung request
        await Eventually.TrueAsync(() => _server.Abandoned >= 1, "the client to abandon the hung request", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Send_SlowSlack_ReportsTransientTimeout()
    {
        _server.Respond(HttpStatusCode.OK, "ok", hang: TimeSpan.FromSeconds(30));
        _server.Respond(HttpStatusCode.OK, "ok", hang: TimeSpan.FromSeconds(30));
        var settings = SlackTestHost.FastSettings(_server);
        settings["RequestTimeout"] = "00:00:00.200";
        settings["MaxAttempts"] = "2";
        await using var host = new SlackTestHost(settings);

        var result = await host.Sender.SendAsync(Messages.Alarm(), CancellationToken.None);

        Assert.Equal(SlackDeliveryStatus.TransientFailure, result.Status);
        Assert.StartsWith("timed out", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.HttpStatusCode);
    }

    [Fact]
    public async Task Send_WhenCancelled_Throws()
    {
        _server.Respond(HttpStatusCode.OK, "ok", hang: TimeSpan.FromSeconds(30));
        await using var host = new SlackTestHost(SlackTestHost.FastSettings(_server));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Sender.SendAsync(Messages.Alarm(), cancel.Token));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Send_NeverExposesTheWebhookUrl_InResultsOrLogs()
    {
        // Slack echoing the URL in an error body is hypothetical; the point is that nothing passes it through.
        var url = _server.Webhook("alarm");
        _server.Respond(HttpStatusCode.InternalServerError, $"boom at {url}");
        _server.Respond(HttpStatusCode.BadRequest, $"invalid_payload for {url.AbsolutePath}");
        var settings = SlackTestHost.FastSettings(_server);
        settings["SummaryWebhookUrl"] = UnreachableWebhook().ToString();
        settings["MaxAttempts"] = "2";
        await using var host = new SlackTestHost(settings);

        var permanent = await host.Sender.SendAsync(Messages.Alarm(), CancellationToken.None);
        var unreachable = await host.Sender.SendAsync(Messages.Summary(), CancellationToken.None);

        Assert.Equal(SlackDeliveryStatus.PermanentFailure, permanent.Status);
        Assert.Equal(SlackDeliveryStatus.TransientFailure, unreachable.Status);
        Assert.StartsWith("network error", unreachable.Reason, StringComparison.Ordinal);
        var everything = string.Join("\n", permanent.ToString(), unreachable.ToString(), host.Logs.AllText,
            host.Get<Microsoft.Extensions.Options.IOptions<SlackOptions>>().Value.ToString());
        Assert.NotEmpty(host.Logs.Entries);
        Assert.DoesNotContain(FakeSlackServer.SecretToken, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/services/", everything, StringComparison.OrdinalIgnoreCase);
    }

    private static Uri UnreachableWebhook()
    {
        // A port that was just free: connecting to it is refused.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/services/T0unreach/B0unreach/{FakeSlackServer.SecretToken}x");
    }
}
