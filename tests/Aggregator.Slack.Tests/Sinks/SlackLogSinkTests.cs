using Aggregator.Slack.Sinks;
using Aggregator.Slack.Tests.Testing;
using Microsoft.Extensions.Logging;

namespace Aggregator.Slack.Tests.Sinks;

public class SlackLogSinkTests
{
    [Fact]
    public async Task Send_LogsTheRenderedMessageAtInformation()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = new LoggerFactory([logs]);
        var sink = new SlackLogSink(factory.CreateLogger<SlackLogSink>());

        var result = await sink.SendAsync(Messages.Summary(), CancellationToken.None);

        Assert.True(result.IsDelivered);
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith("Slack Summary message summary:2026-11-21T10:00Z (no webhook configured):\n", entry.Message, StringComparison.Ordinal);
        Assert.EndsWith(SlackTextRenderer.Render(Messages.Summary()), entry.Message, StringComparison.Ordinal);
        Assert.Contains("  Logins       120  ▁▂▃▅▇█", entry.Message, StringComparison.Ordinal);
    }
}
