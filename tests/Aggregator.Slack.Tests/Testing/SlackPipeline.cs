using Aggregator.Slack.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Slack.Tests.Testing;

/// <summary>
/// The webhook client over the same handler chain AddSlack builds (retry → rate limit → attempt timeout), on a
/// given clock, with deterministic jitter and a stub instead of the network.
/// </summary>
internal sealed class SlackPipeline : IDisposable
{
    private readonly HttpClient _http;
    private readonly LoggerFactory _loggers;

    public SlackPipeline(SlackOptions options, FakeTimeProvider clock, double jitter = 1.0)
    {
        Clock = clock;
        Stub = new StubSlackHandler(clock);
        _loggers = new LoggerFactory([Logs]);
        var settings = Options.Create(options);
        var retry = new SlackRetryHandler(settings, clock, _loggers.CreateLogger<SlackRetryHandler>(), () => jitter)
        {
            InnerHandler = new SlackRateLimitHandler(new SlackRateLimiter(settings, clock), clock)
            {
                InnerHandler = new SlackAttemptTimeoutHandler(settings, clock) { InnerHandler = Stub },
            },
        };
        _http = new HttpClient(retry) { Timeout = Timeout.InfiniteTimeSpan };
        Client = new SlackWebhookClient(_http, settings, clock, _loggers.CreateLogger<SlackWebhookClient>());
    }

    public FakeTimeProvider Clock { get; }

    public StubSlackHandler Stub { get; }

    public SlackWebhookClient Client { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Options for fake-clock tests: time limits far away unless a test is about them.</summary>
    public static SlackOptions Settings(int maxAttempts = 5) => new()
    {
        SummaryWebhookUrl = "https://hooks.slack.test/services/T0/B0/summarysecret",
        AlarmWebhookUrl = "https://hooks.slack.test/services/T0/B0/alarmsecret",
        MaxAttempts = maxAttempts,
        BaseRetryDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(10),
        RequestTimeout = TimeSpan.FromDays(1),
        MaxTotalTime = TimeSpan.FromDays(2),
        MaxMessagesPerSecond = 50,
    };

    /// <summary>Sends and moves the fake clock through every wait until the send completes.</summary>
    public Task<SlackDeliveryResult> SendAsync(SlackMessage message) =>
        Eventually.DriveAsync(Clock, () => Client.SendAsync(message, CancellationToken.None));

    public void Dispose()
    {
        _http.Dispose();
        _loggers.Dispose();
    }
}
