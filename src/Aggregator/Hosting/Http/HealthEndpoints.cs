using Aggregator.Hosting.Health;
using Aggregator.Hosting.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aggregator.Hosting.Http;

/// <summary>
/// /health/live: the process can make progress (503 only when the streams instance died — restart it).
/// /health/ready: it is doing its job: the instance is Running with its assignment, no state store is restoring,
/// and some broker answers (503 while starting, rebalancing, restoring, or cut off from every broker — then the
/// detail says since when).
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints, StreamsInstance streams, BrokerConnectivity brokers, GroupLagMonitor lag)
    {
        endpoints.MapGet("/health/live", () =>
        {
            var state = streams.State;
            return state == InstanceState.Error
                ? Results.Json(new HealthResponse("dead", state.ToString(), streams.Error?.Message), HttpJsonContext.Default.HealthResponse, statusCode: 503)
                : Results.Json(new HealthResponse("live", state.ToString(), null), HttpJsonContext.Default.HealthResponse);
        });
        endpoints.MapGet("/health/ready", () =>
        {
            var restoring = streams.Unrestored();
            var readiness = Readiness.Of(streams.State, streams.TasksRunning, restoring, lag.MaxLag, brokers.Current);
            return Results.Json(readiness, HttpJsonContext.Default.ReadinessResponse, statusCode: readiness.Ready ? 200 : 503);
        });
        return endpoints;
    }
}
