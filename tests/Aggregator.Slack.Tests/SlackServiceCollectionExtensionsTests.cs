using Aggregator.Slack.Tests.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Aggregator.Slack.Tests;

public class SlackServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSlack_BindsTheSection_AndResolvesOneSender()
    {
        await using var host = new SlackTestHost(new Dictionary<string, string?>
        {
            ["MaxMessagesPerSecond"] = "2.5",
            ["MaxAttempts"] = "3",
            ["RequestTimeout"] = "00:00:04",
        });

        var options = host.Get<Microsoft.Extensions.Options.IOptions<SlackOptions>>().Value;

        Assert.Equal(2.5, options.MaxMessagesPerSecond);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(4), options.RequestTimeout);
        Assert.Same(host.Sender, host.Sender);
    }

    [Fact]
    public void AddSlack_UsesTheRegisteredTimeProvider_OrTheSystemClock()
    {
        var clock = new FakeTimeProvider();
        var section = new ConfigurationBuilder().Build().GetSection(SlackOptions.SectionName);
        var withClock = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock).AddSlack(section);
        var without = new ServiceCollection().AddLogging().AddSlack(section);

        using var a = withClock.BuildServiceProvider();
        using var b = without.BuildServiceProvider();

        Assert.Same(clock, a.GetRequiredService<TimeProvider>());
        Assert.Same(TimeProvider.System, b.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task AddSlack_RegistersNoHttpClientLoggerThatCouldWriteTheUrl()
    {
        await using var server = await FakeSlackServer.StartAsync();
        await using var host = new SlackTestHost(SlackTestHost.FastSettings(server));

        await host.Sender.SendAsync(Messages.Summary(), CancellationToken.None);

        Assert.DoesNotContain(host.Logs.Entries, e => e.Category.StartsWith("System.Net.Http", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("accepted", StringComparison.Ordinal));
    }
}
