namespace Aggregator.Streams.Queries;

/// <summary>Where a key's windows were looked up, and what was found.</summary>
public enum WindowQueryStatus
{
    /// <summary>This instance owns the key's task: <see cref="WindowQueryResult{TValue}.Windows"/> holds its committed values.</summary>
    Local,

    /// <summary>Another instance owns the key's task.</summary>
    OtherInstance,

    /// <summary>This instance owns the task but is still restoring it.</summary>
    Restoring,

    /// <summary>No instance is known to own it yet (starting, rebalancing).</summary>
    Unavailable,
}

/// <summary>
/// The answer to an interactive query on a window store. Values are the task's <em>committed</em> state, the same
/// values already emitted downstream (at most one commit interval behind the live cache).
/// </summary>
public sealed record WindowQueryResult<TValue>(
    WindowQueryStatus Status,
    string Store,
    int Partition,
    IReadOnlyList<KeyValuePair<long, TValue>> Windows,
    string? Detail = null);
