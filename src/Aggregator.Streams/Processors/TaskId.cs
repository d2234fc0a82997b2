namespace Aggregator.Streams.Processors;

/// <summary>
/// A task: one partition of one sub-topology ("1_3" = sub-topology 1, partition 3), as in Kafka Streams.
/// Co-partitioned source topics of a sub-topology share a task.
/// </summary>
public readonly record struct TaskId(int Subtopology, int Partition)
{
    public override string ToString() => $"{Subtopology}_{Partition}";
}
