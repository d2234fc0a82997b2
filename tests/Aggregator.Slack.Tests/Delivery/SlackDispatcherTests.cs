using System.Net;
using Aggregator.Slack.Sinks;
using Aggregator.Slack.Tests.Testing;
using Microsoft.Extensions.Logging;

namespace Aggregator.Slack.Tests.Delivery;

/// <summary>Routing through the ISlackSender AddSlack registers, with a real local server.</summary>
public sealed class SlackDispatcherTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"slack-dispatch-{Guid.NewGuid():N}", "out.jsonl");
    private FakeSlackServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        if (File.Exists(_file))
        {
            Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
        }
    }

    [Fact]
    public async Task Send_WithoutAnyWebhook_GoesToTheLog()
    {
        await using var host = new SlackTestHost(new Dictionary<string, string?>());

        var result = await host.Sender.SendAsync(Messages.Alarm(), CancellationToken.None);

        Assert.True(result.IsDelivered);
        var entry = Assert.Single(host.Logs.Entries, e => e.Category == typeof(SlackLogSink).FullName);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("🚨 Error rate above threshold", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_RoutesKindsWithoutWebhookToTheLog_AndOthersToSlack()
    {
        await using var host = new SlackTestHost(new Dictionary<string, string?>
        {
            ["AlarmWebhookUrl"] = _server.Webhook("alarm").ToString(),
        });

        Assert.True((await host.Sender.SendAsync(Messages.Alarm(), CancellationToken.None)).IsDelivered);
        Assert.True((await host.Sender.SendAsync(Messages.Summary(), CancellationToken.None)).IsDelivered);

        var request = Assert.Single(_server.Requests);
        Assert.Contains("Error rate above threshold", request.Body, StringComparison.Ordinal);
        var logged = Assert.Single(host.Logs.Entries, e => e.Category == typeof(SlackLogSink).FullName);
        Assert.Contains("Activity 10:00–10:10 UTC", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_CopiesDeliveredMessagesToTheFileSink_Only()
    {
        _server.Respond(HttpStatusCode.BadRequest, "invalid_blocks");
        await using var host = new SlackTestHost(new Dictionary<string, string?>
        {
            ["AlarmWebhookUrl"] = _server.Webhook("alarm").ToString(),
            ["FileSink"] = _file,
        });

        var rejected = await host.Sender.SendAsync(Messages.Alarm("alarm:rejected"), CancellationToken.None);
        var posted = await host.Sender.SendAsync(Messages.Alarm("alarm:posted"), CancellationToken.None);
        var logged = await host.Sender.SendAsync(Messages.Summary("summary:logged"), CancellationToken.None);

        Assert.Equal(SlackDeliveryStatus.PermanentFailure, rejected.Status);
        Assert.True(posted.IsDelivered && logged.IsDelivered);
        Assert.Equal(["alarm:posted", "summary:logged"], File.ReadLines(_file).Select(l => SlackMessageJson.FromJson(l).Id));
    }

    [Fact]
    public async Task Send_WhenTheFileSinkFails_StillReportsTheSlackOutcome()
    {
        var directory = Path.GetDirectoryName(_file)!;
        Directory.CreateDirectory(_file); // the sink's path is a directory: every append fails
        await using var host = new SlackTestHost(new Dictionary<string, string?>
        {
            ["AlarmWebhookUrl"] = _server.Webhook("alarm").ToString(),
            ["FileSink"] = _file,
        });

        var result = await host.Sender.SendAsync(Messages.Alarm(), CancellationToken.None);

        Assert.True(result.IsDelivered);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("file sink", StringComparison.Ordinal));
        Directory.Delete(directory, recursive: true);
    }
}
