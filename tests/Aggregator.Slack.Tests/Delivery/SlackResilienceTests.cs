using System.Net;
using Aggregator.Slack.Tests.Testing;

namespace Aggregator.Slack.Tests.Delivery;

/// <summary>The handler chain around the retries, on a fake clock: per-attempt timeout and the time budget.</summary>
public class SlackResilienceTests
{
    [Fact]
    public async Task Send_TimesOutAnAttempt_AfterRequestTimeout_AndRetries()
    {
        var options = SlackPipeline.Settings();
        options.RequestTimeout = TimeSpan.FromSeconds(3);
        using var pipeline = new SlackPipeline(options, jitter: 1.0);
        pipeline.Stub.Hang();
        var start = pipeline.Clock.GetUtcNow();

        var result = await pipeline.SendAsync(Messages.Alarm());

        // 3 s until the attempt is cut off, then the first backoff step of 1 s.
        Assert.True(result.IsDelivered, result.ToString());
        Assert.Equal([0, 4], pipeline.Stub.Requests.Select(r => (r.At - start).TotalSeconds));
    }

    [Fact]
    public async Task Send_TimeoutOnTheLastAttempt_IsTransient_AndSaysSo()
    {
        var options = SlackPipeline.Settings(maxAttempts: 2);
        options.RequestTimeout = TimeSpan.FromSeconds(3);
        using var pipeline = new SlackPipeline(options, jitter: 1.0);
        pipeline.Stub.Hang();
        pipeline.Stub.Hang();
        var start = pipeline.Clock.GetUtcNow();

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.Equal(SlackDeliveryStatus.TransientFailure, result.Status);
        Assert.Equal("timed out: Slack did not answer within 3 s.", result.Reason);
        Assert.Null(result.HttpStatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), pipeline.Clock.GetUtcNow() - start);
    }

    [Fact]
    public async Task Send_QueueingForTheRateLimit_DoesNotCountAgainstTheAttemptTimeout()
    {
        var options = SlackPipeline.Settings();
        options.MaxMessagesPerSecond = 0.1; // the second message waits 10 s for its slot
        options.RequestTimeout = TimeSpan.FromSeconds(1);
        using var pipeline = new SlackPipeline(options);
        var start = pipeline.Clock.GetUtcNow();

        var first = await pipeline.SendAsync(Messages.Alarm("alarm:1"));
        var second = await pipeline.SendAsync(Messages.Alarm("alarm:2"));

        Assert.True(first.IsDelivered && second.IsDelivered, second.ToString());
        Assert.Equal([0, 10], pipeline.Stub.Requests.Select(r => (r.At - start).TotalSeconds));
    }

    [Fact]
    public async Task Send_MaxTotalTime_CutsOffAHangingAttempt()
    {
        var options = SlackPipeline.Settings();
        options.MaxTotalTime = TimeSpan.FromSeconds(5);
        options.RequestTimeout = TimeSpan.FromSeconds(30);
        using var pipeline = new SlackPipeline(options);
        pipeline.Stub.Hang();
        var start = pipeline.Clock.GetUtcNow();

        var result = await pipeline.SendAsync(Messages.Alarm());

        Assert.Equal(SlackDeliveryStatus.TransientFailure, result.Status);
        Assert.Equal("timed out: Gave up after MaxTotalTime (5 s).", result.Reason);
        Assert.Single(pipeline.Stub.Requests);
        Assert.Equal(TimeSpan.FromSeconds(5), pipeline.Clock.GetUtcNow() - start);
    }
}
