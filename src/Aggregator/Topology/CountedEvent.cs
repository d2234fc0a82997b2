namespace Aggregator.Topology;

/// <summary>
/// What the report statistics need of a unique event beside its count key and time (<see cref="Reporting.CountedEventStats"/>):
/// its type, path and user (for approximate unique users in reports).
/// </summary>
internal readonly record struct CountedEvent(string Type, string Path, string User);
