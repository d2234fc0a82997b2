namespace Aggregator.Streams.Topology;

/// <summary>The topology is invalid or does not fit the cluster (missing topics, partition mismatches).</summary>
public sealed class TopologyException : Exception
{
    public TopologyException(string message)
        : base(message)
    {
    }

    public TopologyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TopologyException()
    {
    }
}
