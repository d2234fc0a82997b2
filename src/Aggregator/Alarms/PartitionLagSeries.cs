namespace Aggregator.Alarms;

/// <summary>The recent lag samples of one input partition, named as the messages should show it (<c>activity.raw-3</c>).</summary>
internal sealed record PartitionLagSeries(string Partition, IReadOnlyList<LagSample> Samples);
