using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Hosting.Metrics;

/// <summary>Maps the Prometheus scrape endpoint.</summary>
internal static class PrometheusMetricsEndpointExtensions
{
    /// <summary>
    /// Serves <c>GET <paramref name="pattern"/></c> in the text exposition format 0.0.4. Needs
    /// <see cref="PrometheusMetricsServiceCollectionExtensions.AddPrometheusMetrics"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        endpoints.MapGet(pattern, WriteMetricsAsync).WithDisplayName("Prometheus metrics");
        return endpoints;
    }

    // A RequestDelegate rather than a lambda with parameters: no request-delegate generation or reflection.
    private static Task WriteMetricsAsync(HttpContext context)
    {
        var collector = context.RequestServices.GetRequiredService<PrometheusMetricsCollector>();

        // Rendered to a string first: Kestrel forbids synchronous writes to the response body.
        var text = PrometheusTextWriter.WriteToString(collector.Collect());
        context.Response.ContentType = PrometheusTextWriter.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
