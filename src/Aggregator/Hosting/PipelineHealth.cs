using Aggregator.Alarms;
using Aggregator.Streams.Runtime;
using Aggregator.Topology.Reporting;

namespace Aggregator.Hosting;

/// <summary>What the report merger tells analysts and on-call about the pipeline itself.</summary>
internal sealed class PipelineHealth(GroupLagMonitor lag, StreamsInstance streams) : IPipelineHealth
{
    public long? MaxLag => lag.MaxLag;

    public IReadOnlyList<string> RestoringPartitions =>
        streams.Status.Tasks.Where(t => t.Phase == TaskPhase.Restoring).Select(t => t.TaskId).ToList();

    public IReadOnlyList<PartitionLagSeries> LagHistory => lag.LagHistory;
}
