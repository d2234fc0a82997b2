using System.Text.Json;
using Aggregator.Slack.Sinks;
using Aggregator.Slack.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aggregator.Slack.Tests.Sinks;

public sealed class SlackFileSinkTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"slack-sink-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Send_AppendsOneParseableJsonLinePerMessage_CreatingTheDirectory()
    {
        var path = Path.Combine(_directory, "nested", "slack.jsonl");
        var clock = new FakeTimeProvider();
        using var sink = Sink(path, clock);

        Assert.True((await sink.SendAsync(Messages.Summary(), CancellationToken.None)).IsDelivered);
        Assert.True((await sink.SendAsync(Messages.Alarm(), CancellationToken.None)).IsDelivered);

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(2, lines.Length);
        using var summary = JsonDocument.Parse(lines[0]);
        var root = summary.RootElement;
        Assert.Equal(["id", "kind", "text", "blocks", "written_at"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("summary:2026-11-21T10:00Z", root.GetProperty("id").GetString());
        Assert.Equal("summary", root.GetProperty("kind").GetString());
        Assert.Equal(Messages.Summary().Text, root.GetProperty("text").GetString());
        Assert.Equal("header", root.GetProperty("blocks")[0].GetProperty("type").GetString());
        Assert.Equal(clock.GetUtcNow(), root.GetProperty("written_at").GetDateTimeOffset());
        Assert.Contains("▁▂▃▅▇█", lines[0], StringComparison.Ordinal);

        var alarm = SlackMessageJson.FromJson(lines[1]);
        Assert.Equal(SlackMessageKind.Alarm, alarm.Kind);
        Assert.Equal(SlackMessageJson.ToWebhookJson(Messages.Alarm()), SlackMessageJson.ToWebhookJson(alarm));
    }

    [Fact]
    public async Task Send_FromManyThreads_NeverInterleavesLines()
    {
        var path = Path.Combine(_directory, "slack.jsonl");
        using var sink = Sink(path, TimeProvider.System);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => sink.SendAsync(Messages.Summary($"summary:{i}"), CancellationToken.None))));

        Assert.All(results, r => Assert.True(r.IsDelivered));
        var ids = File.ReadLines(path).Select(line => SlackMessageJson.FromJson(line).Id).ToList();
        Assert.Equal(200, ids.Count);
        Assert.Equal(200, ids.Distinct().Count());
    }

    [Fact]
    public async Task Send_WhenThePathCannotBeWritten_ReportsTransientFailure()
    {
        Directory.CreateDirectory(_directory);
        using var sink = Sink(_directory, TimeProvider.System); // a directory, not a file

        var result = await sink.SendAsync(Messages.Alarm(), CancellationToken.None);

        Assert.Equal(SlackDeliveryStatus.TransientFailure, result.Status);
        Assert.Contains(_directory, result.Reason, StringComparison.Ordinal);
    }

    private static SlackFileSink Sink(string path, TimeProvider time) =>
        new(Options.Create(new SlackOptions { FileSink = path }), time, NullLogger<SlackFileSink>.Instance);
}
