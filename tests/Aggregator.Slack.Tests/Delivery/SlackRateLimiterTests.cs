using System.Net;
using Aggregator.Slack.Delivery;
using Aggregator.Slack.Tests.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aggregator.Slack.Tests.Delivery;

public class SlackRateLimiterTests
{
    private static readonly Uri Webhook = new("https://hooks.slack.test/services/T0/B0/one");
    private static readonly Uri OtherWebhook = new("https://hooks.slack.test/services/T0/B0/two");

    [Fact]
    public async Task Send_SpacesMessagesToOneWebhook_ByOneOverTheRate()
    {
        var options = SlackPipeline.Settings();
        options.MaxMessagesPerSecond = 2; // 500 ms apart
        using var pipeline = new SlackPipeline(options);
        var clock = pipeline.Clock;
        var start = clock.GetUtcNow();

        var sends = Enumerable.Range(0, 3)
            .Select(i => pipeline.Client.SendAsync(Messages.Summary($"summary:{i}"), CancellationToken.None))
            .ToList();

        await Eventually.TrueAsync(() => pipeline.Stub.Requests.Count == 1, "first request");
        clock.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(50);
        Assert.Single(pipeline.Stub.Requests);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => pipeline.Stub.Requests.Count == 2, "second request at 500 ms");
        clock.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(50);
        Assert.Equal(2, pipeline.Stub.Requests.Count);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => pipeline.Stub.Requests.Count == 3, "third request at 1000 ms");

        Assert.All(await Task.WhenAll(sends), r => Assert.True(r.IsDelivered));
        Assert.Equal([0, 500, 1000], pipeline.Stub.Requests.Select(r => (r.At - start).TotalMilliseconds));
    }

    [Fact]
    public async Task Send_ToAnotherWebhook_DoesNotWait()
    {
        var options = SlackPipeline.Settings();
        options.MaxMessagesPerSecond = 1;
        using var pipeline = new SlackPipeline(options);

        var summary = pipeline.Client.SendAsync(Messages.Summary(), CancellationToken.None);
        var alarm = pipeline.Client.SendAsync(Messages.Alarm(), CancellationToken.None);

        Assert.True((await summary).IsDelivered);
        Assert.True((await alarm).IsDelivered);
        Assert.Equal(2, pipeline.Stub.Requests.Select(r => r.Uri).Distinct().Count());
        Assert.Single(pipeline.Stub.Requests.Select(r => r.At).Distinct());
    }

    [Fact]
    public void Wait_ReservesSlotsInArrivalOrder()
    {
        var clock = new FakeTimeProvider();
        var limiter = new SlackRateLimiter(Options.Create(new SlackOptions { MaxMessagesPerSecond = 4 }), clock);

        var waits = Enumerable.Range(0, 3).Select(_ => limiter.WaitAsync(Webhook, CancellationToken.None)).ToList();
        var other = limiter.WaitAsync(OtherWebhook, CancellationToken.None);

        Assert.Equal([true, false, false], waits.Select(w => w.IsCompleted));
        Assert.True(other.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal([true, true, false], waits.Select(w => w.IsCompleted));
        clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(waits[2].IsCompleted);
    }

    [Fact]
    public void Pause_HoldsTheWebhook_UntilRetryAfterHasPassed()
    {
        var clock = new FakeTimeProvider();
        var limiter = new SlackRateLimiter(Options.Create(new SlackOptions { MaxMessagesPerSecond = 50 }), clock);

        limiter.Pause(Webhook, TimeSpan.FromSeconds(30));
        var wait = limiter.WaitAsync(Webhook, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(wait.IsCompleted);
        Assert.True(limiter.WaitAsync(OtherWebhook, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Send_After429_HoldsOtherMessagesToThatWebhook_UntilRetryAfter()
    {
        using var pipeline = new SlackPipeline(SlackPipeline.Settings());
        var clock = pipeline.Clock;
        var start = clock.GetUtcNow();
        pipeline.Stub.Respond(HttpStatusCode.TooManyRequests, "rate_limited", retryAfter: TimeSpan.FromSeconds(3));

        var first = pipeline.Client.SendAsync(Messages.Alarm("alarm:1"), CancellationToken.None);
        await Eventually.TrueAsync(() => clock.PendingTimers == 2, "first message waiting out Retry-After");
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = pipeline.Client.SendAsync(Messages.Alarm("alarm:2"), CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Delay(50);
        Assert.Single(pipeline.Stub.Requests);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => pipeline.Stub.Requests.Count == 2, "a request at 3 s");
        clock.Advance(TimeSpan.FromMilliseconds(20));
        await Eventually.TrueAsync(() => pipeline.Stub.Requests.Count == 3, "the other request 20 ms later");

        Assert.True((await first).IsDelivered);
        Assert.True((await second).IsDelivered);
        Assert.Equal([0, 3, 3.02], pipeline.Stub.Requests.Select(r => Math.Round((r.At - start).TotalSeconds, 3)));
    }
}
