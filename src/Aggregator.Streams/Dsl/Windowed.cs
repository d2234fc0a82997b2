namespace Aggregator.Streams.Dsl;

/// <summary>A key of a windowed aggregation: the grouping key and the window it was counted in.</summary>
public readonly record struct Windowed<TKey>(TKey Key, TimeWindow Window);
