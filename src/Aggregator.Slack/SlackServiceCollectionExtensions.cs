using Aggregator.Slack.Delivery;
using Aggregator.Slack.Sinks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aggregator.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISlackSender"/> configured from <paramref name="section"/> (normally
    /// <c>configuration.GetSection(SlackOptions.SectionName)</c>), validated when the host starts. Uses the
    /// registered <see cref="TimeProvider"/>, or <see cref="TimeProvider.System"/> when there is none.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptionsWithValidateOnStart<SlackOptions, SlackOptionsValidator>().Bind(section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackRateLimiter>();
        services.TryAddSingleton<SlackBackoff>();
        services.TryAddSingleton<SlackRetryStrategy>();
        services.TryAddSingleton<SlackLogSink>();
        services.TryAddSingleton<SlackFileSink>();
        services.TryAddSingleton<SlackDispatcher>();
        services.TryAddSingleton<ISlackSender>(sp => sp.GetRequiredService<SlackDispatcher>());

        services.AddHttpClient<SlackWebhookClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // The typed client lives as long as the singleton dispatcher holding it, so connections are
                // recycled here to follow DNS changes instead of by the factory's handler rotation.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),

                // Slack webhooks do not redirect; a redirect is a misconfiguration, reported as such.
                AllowAutoRedirect = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddSlackResilience()

            // IHttpClientFactory's default loggers write the request URI at Information; here that is the secret.
            .RemoveAllLoggers();

        return services;
    }
}
