namespace Aggregator.Hosting.Health;

/// <summary>Asks the cluster for metadata: true when some broker answered within the timeout.</summary>
internal interface IBrokerProbe
{
    bool Probe(TimeSpan timeout, out string? failure);
}
