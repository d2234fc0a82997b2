using System.Net;
using Aggregator.Slack.Tests.Testing;

namespace Aggregator.Slack.Tests.Delivery;

/// <summary>Retry policy on a fake clock: the delays are asserted exactly, and no test waits in real time.</summary>
public class SlackRetryStrategyTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Send_BacksOffExponentially_UpToMaxRetryDelay()
    {
        var options = SlackPipeline.Settings(maxAttempts: 7);
        options.MaxRetryDelay = TimeSpan.FromSeconds(5);
        using var pipeline = new SlackPipeline(options, jitter: 1.0);
        for (var i = 0; i < 7; i++)
        {
            pipeline.Stub.Respond(HttpStatusCode.InternalServerError);
        }

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.Equal(SlackDeliveryStatus.TransientFailure, result.Status);
        Assert.Equal(500, result.HttpStatusCode);
        Assert.Equal([1, 2, 4, 5, 5, 5], Gaps(pipeline).Select(g => g.TotalSeconds));
    }

    [Fact]
    public async Task Send_UsesFullJitter_BelowTheBackoffCeiling()
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings(maxAttempts: 3), jitter: 0.25);
        pipeline.Stub.Respond(HttpStatusCode.BadGateway);
        pipeline.Stub.Respond(HttpStatusCode.GatewayTimeout);

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.True(result.IsDelivered);
        Assert.Equal([0.25, 0.5], Gaps(pipeline).Select(g => g.TotalSeconds));
    }

    [Fact]
    public async Task Send_HonoursRetryAfterSeconds_On429()
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings());
        pipeline.Stub.Respond(HttpStatusCode.TooManyRequests, "rate_limited", retryAfter: TimeSpan.FromSeconds(7));

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.True(result.IsDelivered);
        Assert.Equal([TimeSpan.FromSeconds(7)], Gaps(pipeline));
    }

    [Fact]
    public async Task Send_HonoursRetryAfterHttpDate_On503()
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings());
        var clock = pipeline.Clock;
        pipeline.Stub.Respond(HttpStatusCode.ServiceUnavailable, retryAt: clock.GetUtcNow().AddSeconds(4));

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.True(result.IsDelivered);
        Assert.Equal([TimeSpan.FromSeconds(4)], Gaps(pipeline));
    }

    [Fact]
    public async Task Send_RetryAfterLongerThanMaxRetryDelay_ReturnsTransientWithTheHint_WithoutWaiting()
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings());
        pipeline.Stub.Respond(HttpStatusCode.TooManyRequests, "rate_limited", retryAfter: TimeSpan.FromMinutes(2));

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.Equal(SlackDeliveryStatus.TransientFailure, result.Status);
        Assert.Equal(429, result.HttpStatusCode);
        Assert.Equal(TimeSpan.FromMinutes(2), result.RetryAfter);
        Assert.Single(pipeline.Stub.Requests);
    }

    [Fact]
    public async Task Send_RetriesNetworkErrors()
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings());
        pipeline.Stub.Throw(new HttpRequestException("Connection refused (hooks.slack.test:443)"));
        pipeline.Stub.Respond(HttpStatusCode.RequestTimeout);

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.True(result.IsDelivered);
        Assert.Equal(3, pipeline.Stub.Requests.Count);
    }

    [Fact]
    public async Task Send_NetworkErrorOnLastAttempt_IsTransient()
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings(maxAttempts: 2));
        pipeline.Stub.Throw(new HttpRequestException("Connection reset"));
        pipeline.Stub.Throw(new HttpRequestException("Connection reset"));

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.Equal(SlackDeliveryStatus.TransientFailure, result.Status);
        Assert.Equal("network error: Connection reset", result.Reason);
        Assert.Equal(2, pipeline.Stub.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Gone)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    public async Task Send_NeverRetriesOtherClientErrors(HttpStatusCode status)
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings());
        pipeline.Stub.Respond(status, "nope");

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.Equal(SlackDeliveryStatus.PermanentFailure, result.Status);
        Assert.Equal((int)status, result.HttpStatusCode);
        Assert.Single(pipeline.Stub.Requests);
    }

    [Fact]
    public async Task Send_StopsBeforeAWaitThatWouldExceedMaxTotalTime()
    {
        var options = SlackPipeline.Settings(maxAttempts: 10);
        options.MaxTotalTime = TimeSpan.FromSeconds(20);
        using var pipeline = new SlackPipeline(options, jitter: 1.0);
        for (var i = 0; i < 10; i++)
        {
            pipeline.Stub.Respond(HttpStatusCode.InternalServerError);
        }

        var start = pipeline.Clock.GetUtcNow();

        var result = await pipeline.SendAsync(Messages.Alarm());

        // Waits 1 + 2 + 4 + 8 = 15 s; the next 10 s would end past 20 s, so it stops after the fifth attempt,
        // at once and with Slack's last answer, rather than sleeping into the budget's end.
        Assert.Equal(SlackDeliveryStatus.TransientFailure, result.Status);
        Assert.Equal(500, result.HttpStatusCode);
        Assert.Equal(5, pipeline.Stub.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(15), pipeline.Clock.GetUtcNow() - start);
    }

    [Fact]
    public async Task Send_ReportsTransient_WhenMaxTotalTimeRunsOutWhileQueued()
    {
        var options = SlackPipeline.Settings();
        options.MaxMessagesPerSecond = 0.1; // the second message would wait 10 s for its slot
        options.MaxTotalTime = TimeSpan.FromSeconds(2);
        using var pipeline = new SlackPipeline(options);
        var start = pipeline.Clock.GetUtcNow();

        var first = await pipeline.SendAsync(Messages.Alarm("alarm:1"));
        var second = await pipeline.SendAsync(Messages.Alarm("alarm:2"));

        Assert.True(first.IsDelivered);
        Assert.Equal(SlackDeliveryStatus.TransientFailure, second.Status);
        Assert.Contains("MaxTotalTime", second.Reason, StringComparison.Ordinal);
        Assert.Single(pipeline.Stub.Requests);
        Assert.Equal(TimeSpan.FromSeconds(2), pipeline.Clock.GetUtcNow() - start);
    }

    [Fact]
    public async Task Send_HonoursCancellation_DuringBackoff()
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings());
        pipeline.Stub.Respond(HttpStatusCode.InternalServerError);
        using var cancel = new CancellationTokenSource();

        var send = Task.Run(() => pipeline.Client.SendAsync(Messages.Alarm(), cancel.Token));
        await Eventually.TrueAsync(() => pipeline.Clock.PendingTimers >= 2, "backoff timer");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Single(pipeline.Stub.Requests);
    }

    [Fact]
    public async Task Send_UsesBackoff_NotRetryAfter_OnOtherStatuses()
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings(), jitter: 1.0);
        pipeline.Stub.Respond(HttpStatusCode.InternalServerError, retryAfter: TimeSpan.FromSeconds(7));

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.True(result.IsDelivered);
        Assert.Equal([Second], Gaps(pipeline));
    }

    [Fact]
    public async Task Send_WithOneAttempt_SendsOnce()
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings(maxAttempts: 1));
        pipeline.Stub.Respond(HttpStatusCode.InternalServerError);

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.Equal(SlackDeliveryStatus.TransientFailure, result.Status);
        Assert.Single(pipeline.Stub.Requests);
    }

    [Fact]
    public async Task Send_LogsEachRetry_AndWhyItStopped_OnlyThroughItsOwnMessages()
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings(maxAttempts: 2), jitter: 1.0);
        pipeline.Stub.Respond(HttpStatusCode.ServiceUnavailable);
        pipeline.Stub.Respond(HttpStatusCode.ServiceUnavailable);

        await pipeline.SendAsync(Messages.Alarm("alarm:logged"));

        var messages = pipeline.Logs.Entries.Select(e => e.Message).ToList();
        Assert.Contains("Slack Alarm message alarm:logged: attempt 1 failed (HTTP 503), retrying in 1000 ms", messages);
        Assert.Contains("Slack Alarm message alarm:logged: attempt 2 failed (HTTP 503), not retrying: attempts exhausted", messages);
        Assert.DoesNotContain(pipeline.Logs.Entries, e => e.Category.StartsWith("Polly", StringComparison.Ordinal));
    }

    private static List<TimeSpan> Gaps(SlackPipeline pipeline)
    {
        var times = pipeline.Stub.Requests.Select(r => r.At).ToList();
        return [.. times.Zip(times.Skip(1), (a, b) => b - a)];
    }
}
