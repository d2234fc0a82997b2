using Aggregator.Slack.Tests.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aggregator.Slack.Tests;

public class SlackOptionsTests
{
    private const string Secret = "T000/B000/zQ9xK7wPvAlUe42";

    [Fact]
    public void Defaults_AreValid_AndBoundATransientFailureToAboutThirtySeconds()
    {
        var options = new SlackOptions();

        Assert.True(Validate(options).Succeeded);
        Assert.Equal(1, options.MaxMessagesPerSecond);
        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxTotalTime);
    }

    [Theory]
    [InlineData("http://hooks.slack.com/services/" + Secret)]
    [InlineData("ftp://hooks.slack.com/services/" + Secret)]
    [InlineData("/services/" + Secret)]
    [InlineData("https://user:pass@hooks.slack.com/services/" + Secret)]
    [InlineData("http://10.0.0.1/services/" + Secret)]
    [InlineData("https://[zQ9xK7wP")]
    [InlineData("not a url zQ9xK7wP")]
    public void WebhookUrl_ThatIsNotHttps_IsRejected_NamingTheKeyButNotTheValue(string url)
    {
        var result = Validate(new SlackOptions { AlarmWebhookUrl = url });

        Assert.True(result.Failed);
        Assert.Contains(nameof(SlackOptions.AlarmWebhookUrl), result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("zQ9xK7wP", result.FailureMessage, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hooks.slack.com", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/" + Secret)]
    [InlineData("http://127.0.0.1:5000/services/" + Secret)]
    [InlineData("http://localhost:5000/services/" + Secret)]
    [InlineData("http://[::1]:5000/services/" + Secret)]
    public void WebhookUrl_HttpsOrLoopbackHttp_IsAccepted(string url)
    {
        Assert.True(Validate(new SlackOptions { SummaryWebhookUrl = url }).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.001)]
    [InlineData(51)]
    [InlineData(-1)]
    public void MaxMessagesPerSecond_OutOfRange_IsRejected(double rate)
    {
        var result = Validate(new SlackOptions { MaxMessagesPerSecond = rate });

        Assert.True(result.Failed);
        Assert.Contains(nameof(SlackOptions.MaxMessagesPerSecond), result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(SlackOptions.MaxAttempts))]
    [InlineData(nameof(SlackOptions.RequestTimeout))]
    [InlineData(nameof(SlackOptions.MaxRetryDelay))]
    [InlineData(nameof(SlackOptions.MaxTotalTime))]
    public void TimingOptions_OutOfRange_AreRejected(string option)
    {
        var options = new SlackOptions();
        switch (option)
        {
            case nameof(SlackOptions.MaxAttempts): options.MaxAttempts = 0; break;
            case nameof(SlackOptions.RequestTimeout): options.RequestTimeout = TimeSpan.Zero; break;
            case nameof(SlackOptions.MaxRetryDelay): options.MaxRetryDelay = TimeSpan.FromHours(1); break;
            default: options.MaxTotalTime = TimeSpan.FromHours(2); break;
        }

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(option, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_RedactsWebhookUrls()
    {
        var options = new SlackOptions
        {
            SummaryWebhookUrl = "https://hooks.slack.com/services/" + Secret,
            FileSink = "/var/log/slack.jsonl",
        };

        var text = options.ToString();

        Assert.Contains("SummaryWebhookUrl=https://hooks.slack.com/[redacted]", text, StringComparison.Ordinal);
        Assert.Contains("AlarmWebhookUrl=(none)", text, StringComparison.Ordinal);
        Assert.Contains("FileSink=/var/log/slack.jsonl", text, StringComparison.Ordinal);
        Assert.DoesNotContain("zQ9xK7wP", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("services", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://hooks.slack.com/services/" + Secret)]
    [InlineData("https://[hooks.slack.com/services/" + Secret)] // unparseable: must not reach the binder's error text
    public async Task HostStart_WithAnInvalidWebhook_FailsWithoutShowingIt(string url)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SummaryWebhookUrl"] = url,
        });
        builder.Services.AddSlack(builder.Configuration.GetSection(SlackOptions.SectionName));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(nameof(SlackOptions.SummaryWebhookUrl), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("zQ9xK7wP", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Binding_EmptyValues_MeansNotConfigured()
    {
        await using var host = new SlackTestHost(new Dictionary<string, string?>
        {
            ["SummaryWebhookUrl"] = "",
            ["FileSink"] = "",
        });

        var options = host.Get<IOptions<SlackOptions>>().Value;

        Assert.Null(options.WebhookFor(SlackMessageKind.Summary));
        Assert.True(Validate(options).Succeeded);
        Assert.True((await host.Sender.SendAsync(Messages.Summary(), CancellationToken.None)).IsDelivered);
    }

    private static ValidateOptionsResult Validate(SlackOptions options) =>
        new SlackOptionsValidator().Validate(Options.DefaultName, options);
}
