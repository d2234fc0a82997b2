using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace Aggregator.Slack.Delivery;

/// <summary>
/// The webhook client's handlers, outermost first: a resilience handler bounding the whole send by
/// <see cref="SlackOptions.MaxTotalTime"/> around <see cref="SlackRetryStrategy"/>; the per-webhook rate limit,
/// inside the retries so each retry is paced too (Slack counts every request); a resilience handler timing out
/// each attempt after <see cref="SlackOptions.RequestTimeout"/>, inside the rate limit so queueing behind other
/// messages is not mistaken for a slow Slack. HttpClient.Timeout is infinite for this client: it would bound all
/// attempts together and look like a cancellation.
/// </summary>
internal static class SlackResilience
{
    public static IHttpClientBuilder AddSlackResilience(this IHttpClientBuilder http)
    {
        http.AddResilienceHandler("retries", (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            WithoutPollyLogs(pipeline, services)
                .AddTimeout(new HttpTimeoutStrategyOptions
                {
                    Name = nameof(SlackOptions.MaxTotalTime),
                    Timeout = services.GetRequiredService<IOptions<SlackOptions>>().Value.MaxTotalTime,

                    // Tells the webhook client which of the two timeouts it is looking at.
                    OnTimeout = args =>
                    {
                        args.Context.GetRequestMessage()?.Options.Set(SlackRequestOptions.OutOfTime, true);
                        return default;
                    },
                })
                .AddRetry(services.GetRequiredService<SlackRetryStrategy>().Create());
        });

        // Hand-written: the library's rate limiter (System.Threading.RateLimiting) neither runs on a TimeProvider
        // nor can hold a webhook until a 429's Retry-After has passed.
        http.AddHttpMessageHandler(services => new SlackRateLimitHandler(
            services.GetRequiredService<SlackRateLimiter>(), services.GetRequiredService<TimeProvider>()));

        http.AddResilienceHandler("attempt", (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            WithoutPollyLogs(pipeline, services).AddTimeout(new HttpTimeoutStrategyOptions
            {
                Name = nameof(SlackOptions.RequestTimeout),
                Timeout = services.GetRequiredService<IOptions<SlackOptions>>().Value.RequestTimeout,
            });
        });

        return http;
    }

    // Polly would log every retry and timeout again, at Warning and Error, without the message's kind and id;
    // Log.cs reports them once. Polly's metrics stay.
    private static ResiliencePipelineBuilder<HttpResponseMessage> WithoutPollyLogs(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services) =>
        pipeline.ConfigureTelemetry(new TelemetryOptions(services.GetRequiredService<IOptions<TelemetryOptions>>().Value)
        {
            LoggerFactory = NullLoggerFactory.Instance,
        });
}
