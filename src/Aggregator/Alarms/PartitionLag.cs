namespace Aggregator.Alarms;

/// <summary>A partition and its latest consumer lag (records).</summary>
internal readonly record struct PartitionLag(string Partition, long Lag);
