using Aggregator.Slack.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Slack.Tests.Testing;

/// <summary>
/// The webhook client as AddSlack builds it (resilience pipeline, rate limit, attempt timeout), on a given
/// clock, with deterministic jitter and a stub instead of the network. The options are taken as given, not
/// validated, so a test can push one limit out of its way.
/// </summary>
internal sealed class SlackPipeline : IDisposable
{
    private readonly ServiceProvider _services;

    public SlackPipeline(SlackOptions options, double jitter = 1.0)
    {
        var clock = Clock;
        Stub = new StubSlackHandler(clock);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs))
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(Options.Create(options))
            .AddSingleton(new SlackBackoff(() => jitter))
            .AddSlack(new ConfigurationBuilder().Build());
        services.Configure<HttpClientFactoryOptions>(
            nameof(SlackWebhookClient), factory => factory.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = Stub));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Client = _services.GetRequiredService<SlackWebhookClient>();
    }

    public FakeClock Clock { get; } = new();

    public StubSlackHandler Stub { get; }

    public SlackWebhookClient Client { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>
    /// Options for fake-clock tests: time limits far away (within what the resilience pipeline accepts) unless a
    /// test is about them.
    /// </summary>
    public static SlackOptions Settings(int maxAttempts = 5) => new()
    {
        SummaryWebhookUrl = "https://hooks.slack.test/services/T0/B0/summarysecret",
        AlarmWebhookUrl = "https://hooks.slack.test/services/T0/B0/alarmsecret",
        MaxAttempts = maxAttempts,
        BaseRetryDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(10),
        RequestTimeout = TimeSpan.FromHours(1),
        MaxTotalTime = TimeSpan.FromHours(2),
        MaxMessagesPerSecond = 50,
    };

    /// <summary>Sends and moves the fake clock through every wait until the send completes.</summary>
    public Task<SlackDeliveryResult> SendAsync(SlackMessage message) =>
        Eventually.DriveAsync(Clock, () => Client.SendAsync(message, CancellationToken.None));

    public void Dispose() => _services.Dispose();
}
