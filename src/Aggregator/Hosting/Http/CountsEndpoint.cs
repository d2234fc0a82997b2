using System.Globalization;
using System.Text;
using Aggregator.Hosting.Streams;
using Aggregator.Kafka;
using Aggregator.Topology;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Errors;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Hosting.Http;

/// <summary>
/// GET /counts?key=page_view|/products/42&amp;from=2026-11-21T10:00:00Z&amp;to=2026-11-21T11:00:00Z — the window counts of
/// one count key from this instance's local store through Streamiz's interactive queries (the same values as
/// activity.counts); 421 naming the partition when another instance counts the key.
/// </summary>
internal static class CountsEndpoint
{
    public static IEndpointRouteBuilder MapCounts(this IEndpointRouteBuilder endpoints, StreamsInstance streams, StreamsMetrics metrics, TimeProvider time)
    {
        endpoints.MapGet("/counts", (string? key, string? from, string? to) =>
        {
            if (string.IsNullOrEmpty(key))
            {
                return Problem("the 'key' query parameter is required, e.g. key=page_view|/products/42");
            }

            var now = time.GetUtcNow();
            if (!TryParseTime(from, now.AddHours(-1), out var start) || !TryParseTime(to, now, out var end) || end < start)
            {
                return Problem("'from' and 'to' must be ISO-8601 times (or epoch milliseconds) with from <= to");
            }

            var instance = streams.Current;
            if (instance is null || streams.State != InstanceState.Running || streams.CountingPartitions == 0)
            {
                return Unavailable(key, "the worker is starting");
            }

            // The counts-by-key topic is partitioned like the producer does it: murmur2 of the key's bytes.
            var partition = Murmur2Partitioner.Partition(Encoding.UTF8.GetBytes(key), streams.CountingPartitions);
            if (!metrics.CountsPartition(partition))
            {
                return Results.Json(new CountsResponse(key, "OtherInstance", partition, [],
                    $"partition {partition} of store {ActivityTopology.CountsStore} is counted by another instance (or is moving); ask the instance that owns it"),
                    HttpJsonContext.Default.CountsResponse, statusCode: StatusCodes.Status421MisdirectedRequest);
            }

            try
            {
                var store = instance.Store(StoreQueryParameters.FromNameAndType(ActivityTopology.CountsStore, QueryableStoreTypes.WindowStore<string, long>()));
                // A scan of the time range, not Fetch(key, …): in Streamiz 1.8 the key fetch over several tasks' stores calls
                // Reset() on cached-store enumerators that do not implement it, and the point lookup stops at the first
                // task's store for a value type (CompositeReadOnlyWindowStore compares a long with null).
                var counts = new List<CountWindow>();
                using var all = store.FetchAll(start.UtcDateTime, end.UtcDateTime);
                while (all.MoveNext())
                {
                    if (all.Current is { } window && window.Key.Key == key)
                    {
                        counts.Add(new CountWindow(WindowedCountJson.Time(window.Key.Window.StartMs), window.Value));
                    }
                }

                counts.Sort((a, b) => string.CompareOrdinal(a.WindowStart, b.WindowStart));

                return Results.Json(new CountsResponse(key, "Local", partition, counts, null), HttpJsonContext.Default.CountsResponse);
            }
            catch (InvalidStateStoreException ex)
            {
                return Unavailable(key, ex.Message);
            }
        });
        return endpoints;
    }

    private static IResult Unavailable(string key, string detail) =>
        Results.Json(new CountsResponse(key, "Unavailable", -1, [], detail), HttpJsonContext.Default.CountsResponse, statusCode: 503);

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
