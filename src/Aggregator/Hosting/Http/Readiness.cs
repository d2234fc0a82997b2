using Aggregator.Streams.Runtime;

namespace Aggregator.Hosting.Http;

/// <summary>The readiness verdict: Running with a reachable cluster; otherwise the first reason it is not.</summary>
internal static class Readiness
{
    public static ReadinessResponse Of(StreamsStatus status, BrokerReachability brokers)
    {
        var running = status.State == StreamsState.Running;
        var ready = running && brokers.Reachable;
        var detail = ready ? null
            : !brokers.Reachable ? brokers.Describe()
            : status.RestoringTasks > 0 ? $"{status.RestoringTasks} tasks restoring"
            : $"state {status.State}";
        return new ReadinessResponse(ready, status.State.ToString(), status.Tasks.Count, status.RestoringTasks, status.MaxLag, brokers.Reachable, detail);
    }
}
