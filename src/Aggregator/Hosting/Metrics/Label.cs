namespace Aggregator.Hosting.Metrics;

/// <summary>One label of a series: a sanitised name and the unescaped value.</summary>
internal readonly record struct Label(string Name, string Value);
