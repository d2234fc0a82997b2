using System.Globalization;
using Aggregator.Streams.Queries;
using Aggregator.Topology;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aggregator.Hosting.Http;

/// <summary>
/// GET /counts?key=page_view|/products/42&amp;from=2026-11-21T10:00:00Z&amp;to=2026-11-21T11:00:00Z — the window counts of
/// one count key from this instance's local store (the same values as activity.counts); 421 with an explanation
/// when the key belongs to another instance.
/// </summary>
internal static class CountsEndpoint
{
    public static IEndpointRouteBuilder MapCounts(this IEndpointRouteBuilder endpoints, StreamsInstance streams)
    {
        endpoints.MapGet("/counts", (string? key, string? from, string? to) =>
        {
            if (string.IsNullOrEmpty(key))
            {
                return Problem("the 'key' query parameter is required, e.g. key=page_view|/products/42");
            }

            var now = DateTimeOffset.UtcNow;
            if (!TryParseTime(from, now.AddHours(-1), out var start) || !TryParseTime(to, now, out var end) || end < start)
            {
                return Problem("'from' and 'to' must be ISO-8601 times (or epoch milliseconds) with from <= to");
            }

            var instance = streams.Current;
            if (instance is null)
            {
                return Results.Json(new CountsResponse(key, "unavailable", -1, [], "the worker is starting"), HttpJsonContext.Default.CountsResponse, statusCode: 503);
            }

            var result = instance.QueryWindowStore<string, long>(ActivityTopology.CountsStore, key, start, end);
            var windows = result.Windows.Select(w => new CountWindow(WindowedCountJson.Time(w.Key), w.Value)).ToList();
            var statusCode = result.Status switch
            {
                WindowQueryStatus.Local => 200,
                WindowQueryStatus.OtherInstance => StatusCodes.Status421MisdirectedRequest,
                _ => 503,
            };
            return Results.Json(new CountsResponse(key, result.Status.ToString(), result.Partition, windows, result.Detail), HttpJsonContext.Default.CountsResponse, statusCode: statusCode);
        });
        return endpoints;
    }

    private static IResult Problem(string detail) =>
        Results.Json(new CountsResponse(null, "bad-request", -1, [], detail), HttpJsonContext.Default.CountsResponse, statusCode: 400);

    private static bool TryParseTime(string? text, DateTimeOffset fallback, out DateTimeOffset time)
    {
        if (string.IsNullOrEmpty(text))
        {
            time = fallback;
            return true;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epochMs))
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds(epochMs);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
