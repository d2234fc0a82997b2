namespace Aggregator.Activity;

/// <summary>
/// Where a raw record came from (topic, partition, offset), for the dead-letter headers. Kept free of
/// Confluent.Kafka types so the activity contract stays pure and testable without a client.
/// </summary>
internal readonly record struct SourcePosition(string? Topic, int Partition, long Offset)
{
    /// <summary>Unknown source (e.g. in tests or offline replays): the source headers are left out.</summary>
    public static SourcePosition Unknown => new(null, -1, -1);
}
