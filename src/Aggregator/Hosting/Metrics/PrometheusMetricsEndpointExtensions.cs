using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry.Metrics;

namespace Aggregator.Hosting.Metrics;

/// <summary>Maps the Prometheus scrape endpoint.</summary>
internal static class PrometheusMetricsEndpointExtensions
{
    private const string TextFormat = "text/plain; version=0.0.4";

    /// <summary>
    /// Serves <c>GET <paramref name="pattern"/></c> in the text exposition format 0.0.4 from the exporter of
    /// <paramref name="meterProvider"/> (registered by
    /// <see cref="PrometheusMetricsServiceCollectionExtensions.AddPrometheusMetrics"/>, possibly in another host).
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(
        this IEndpointRouteBuilder endpoints, MeterProvider meterProvider, string pattern = "/metrics") =>
        endpoints
            .MapPrometheusScrapingEndpoint(pattern, meterProvider, branch => branch.Use(AsPlainTextAsync), optionsName: null)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .WithDisplayName("Prometheus metrics");

    private static async Task AsPlainTextAsync(HttpContext context, RequestDelegate next)
    {
        // One format whatever the scraper negotiates, so the series are exactly those docs/metrics.md lists:
        // OpenMetrics would add _created samples, which Prometheus before 3.x stores as series of their own.
        context.Request.Headers.Accept = TextFormat;
        // Uncompressed: the text is rewritten below (Prometheus asks for gzip, and rewriting gzipped bytes as text broke
        // every real scrape with "gzip: invalid header").
        context.Request.Headers.Remove("Accept-Encoding");

        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            text = EmptyLabelSets.Strip(text);
        }

        context.Response.ContentLength = null;
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
