namespace Aggregator.Hosting.Metrics;

/// <summary>A counter or gauge sample.</summary>
internal sealed record ValuePoint(LabelSet Labels, double Value) : MetricPoint(Labels);
