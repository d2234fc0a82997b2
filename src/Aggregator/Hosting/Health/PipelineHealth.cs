using Aggregator.Alarms;
using Aggregator.Hosting.Streams;
using Aggregator.Topology.Reporting;

namespace Aggregator.Hosting.Health;

/// <summary>What the report merger tells analysts and on-call about the pipeline itself.</summary>
internal sealed class PipelineHealth(GroupLagMonitor lag, StreamsInstance streams) : IPipelineHealth
{
    public long? MaxLag => lag.MaxLag;

    public IReadOnlyList<string> RestoringPartitions => streams.RestoringPartitions;

    public IReadOnlyList<PartitionLagSeries> LagHistory => lag.LagHistory;

    public bool IsRestored(string store, int partition) => streams.IsRestored(store, partition);
}
