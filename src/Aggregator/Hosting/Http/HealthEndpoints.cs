using Aggregator.Streams.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aggregator.Hosting.Http;

/// <summary>
/// /health/live: the process can make progress (503 only when the streams instance died — restart it).
/// /health/ready: it is doing its job: the instance is Running, i.e. it has its assignment and no task is restoring
/// (503 while starting, rebalancing, restoring, or disconnected before the first assignment).
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints, StreamsInstance streams)
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
            var status = streams.Status;
            var ready = status.State == StreamsState.Running;
            var detail = ready ? null : status.RestoringTasks > 0 ? $"{status.RestoringTasks} tasks restoring" : $"state {status.State}";
            return Results.Json(
                new ReadinessResponse(ready, status.State.ToString(), status.Tasks.Count, status.RestoringTasks, status.MaxLag, detail),
                HttpJsonContext.Default.ReadinessResponse,
                statusCode: ready ? 200 : 503);
        });
        return endpoints;
    }
}
