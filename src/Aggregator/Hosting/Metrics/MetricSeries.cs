namespace Aggregator.Hosting.Metrics;

/// <summary>The aggregation state of one labelled series; <see cref="Record"/> is called concurrently.</summary>
internal abstract class MetricSeries(LabelSet labels)
{
    public LabelSet Labels { get; } = labels;

    /// <summary>
    /// The collection in which an observable instrument last reported this series. Written only while the
    /// collector's scrape lock is held (observable callbacks run inside the scrape), so a plain field suffices.
    /// </summary>
    public long ObservedGeneration { get; set; }

    /// <summary>Set when the series is dropped from its stream, so cached references to it are refreshed.</summary>
    public bool IsRetired { get; set; }

    public abstract void Record(double value);

    public abstract MetricPoint Snapshot();
}
