using Aggregator.Streams.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aggregator.Hosting.Http;

/// <summary>
/// /health/live: the process can make progress (503 only when the streams instance died — restart it).
/// /health/ready: it is doing its job: the instance is Running, i.e. it has its assignment and no task is restoring,
/// and some broker answers (503 while starting, rebalancing, restoring, disconnected before the first assignment, or
/// cut off from every broker — then the detail says since when).
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints, StreamsInstance streams, BrokerConnectivity brokers)
    {
        endpoints.MapGet("/health/live", () =>
        {
            var state = streams.Status.State;
            return state == StreamsState.Error
                ? Results.Json(new HealthResponse("dead", state.ToString(), streams.Current?.Error?.Message), HttpJsonContext.Default.HealthResponse, statusCode: 503)
                : Results.Json(new HealthResponse("live", state.ToString(), null), HttpJsonContext.Default.HealthResponse);
        });
        endpoints.MapGet("/health/ready", () =>
        {
            var readiness = Readiness.Of(streams.Status, brokers.Current);
            return Results.Json(readiness, HttpJsonContext.Default.ReadinessResponse, statusCode: readiness.Ready ? 200 : 503);
        });
        return endpoints;
    }
}
