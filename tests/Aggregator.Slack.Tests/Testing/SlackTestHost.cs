using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aggregator.Slack.Tests.Testing;

/// <summary>The library as the application wires it: <c>AddSlack</c> over a <c>Slack</c> configuration section.</summary>
internal sealed class SlackTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public SlackTestHost(IDictionary<string, string?> slackSettings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(slackSettings.Select(s => KeyValuePair.Create($"Slack:{s.Key}", s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSlack(configuration.GetSection(SlackOptions.SectionName));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Settings that keep real-time tests fast: short backoff, generous rate.</summary>
    public static Dictionary<string, string?> FastSettings(FakeSlackServer server) => new()
    {
        ["SummaryWebhookUrl"] = server.Webhook("summary").ToString(),
        ["AlarmWebhookUrl"] = server.Webhook("alarm").ToString(),
        ["MaxMessagesPerSecond"] = "50",
        ["BaseRetryDelay"] = "00:00:00.010",
        ["RequestTimeout"] = "00:00:05",
    };

    public CapturingLoggerProvider Logs { get; } = new();

    public ISlackSender Sender => _services.GetRequiredService<ISlackSender>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
