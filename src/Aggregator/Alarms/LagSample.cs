namespace Aggregator.Alarms;

/// <summary>A partition's consumer lag (records) at a moment (epoch ms).</summary>
internal readonly record struct LagSample(long AtMs, long Lag);
