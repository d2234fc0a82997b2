namespace Aggregator.Hosting.Streams;

/// <summary>Streamiz's instance states, as the status line, health and metrics name them (the numbers are the metric's values).</summary>
internal enum InstanceState
{
    Created = 0,
    Rebalancing = 1,
    Running = 2,
    PendingShutdown = 3,
    NotRunning = 4,
    Error = 5,
}
