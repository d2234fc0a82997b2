namespace Aggregator.Hosting.Metrics;

/// <summary>One series of a scrape, as the text writer sees it.</summary>
internal abstract record MetricPoint(LabelSet Labels);
