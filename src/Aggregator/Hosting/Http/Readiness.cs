using Aggregator.Hosting.Health;
using Aggregator.Hosting.Streams;

namespace Aggregator.Hosting.Http;

/// <summary>
/// The readiness verdict: Running, nothing restoring, and a reachable cluster; otherwise the first reason it is not.
/// Streamiz reports RUNNING while tasks restore their state, so restoring partitions are checked separately.
/// </summary>
internal static class Readiness
{
    public static ReadinessResponse Of(InstanceState state, int tasks, IReadOnlyList<string> restoring, long? maxLag, BrokerReachability brokers)
    {
        var ready = state == InstanceState.Running && restoring.Count == 0 && brokers.Reachable;
        var detail = ready ? null
            : !brokers.Reachable ? brokers.Describe()
            : state != InstanceState.Running ? $"state {state}"
            : $"{restoring.Count} store partitions not restored yet ({string.Join(", ", restoring.Take(3))}{(restoring.Count > 3 ? ", …" : string.Empty)})";
        return new ReadinessResponse(ready, state.ToString(), tasks, restoring.Count, maxLag ?? 0, brokers.Reachable, detail);
    }
}
