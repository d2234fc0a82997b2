using System.Text.Json.Serialization;

namespace Aggregator.Hosting.Http;

internal sealed record HealthResponse(string Status, string State, string? Error);

internal sealed record ReadinessResponse(bool Ready, string State, int Tasks, int RestoringTasks, long MaxLag, bool BrokersReachable, string? Detail);

internal sealed record CountWindow(string WindowStart, long Count);

internal sealed record CountsResponse(string? Key, string Status, int Partition, IReadOnlyList<CountWindow> Windows, string? Detail);

[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ReadinessResponse))]
[JsonSerializable(typeof(CountsResponse))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
