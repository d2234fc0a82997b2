using System.Globalization;

namespace Aggregator.Hosting.Metrics;

/// <summary>
/// Turns measurement tags (plus the instrument's own tags) into the canonical <see cref="LabelSet"/>. Runs only
/// the first time a tag combination is seen, so it may allocate.
/// </summary>
internal static class TagLabels
{
    /// <summary>
    /// Rules: a measurement tag overrides an instrument tag with the same key, and a later duplicate key wins;
    /// empty values are dropped (Prometheus treats <c>x=""</c> as no label, so keeping it would print two
    /// series that are one); keys that sanitise to the same label name are joined with <c>;</c> in key order,
    /// as the OpenTelemetry Prometheus mapping does, instead of printing a line with a duplicate label.
    /// </summary>
    public static LabelSet Create(ReadOnlySpan<KeyValuePair<string, object?>> tags, IReadOnlyList<KeyValuePair<string, object?>> instrumentTags)
    {
        if (tags.IsEmpty && instrumentTags.Count == 0)
        {
            return LabelSet.Empty;
        }

        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in instrumentTags)
        {
            byKey[tag.Key] = FormatValue(tag.Value);
        }

        foreach (var tag in tags)
        {
            byKey[tag.Key] = FormatValue(tag.Value);
        }

        var labels = byKey
            .Where(pair => pair.Value.Length > 0)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .GroupBy(pair => PrometheusNames.LabelName(pair.Key), StringComparer.Ordinal)
            .Select(group => new Label(group.Key, string.Join(';', group.Select(pair => pair.Value))));
        return LabelSet.Create(labels);
    }

    /// <summary>Invariant text of a tag value (<c>true</c>/<c>false</c> lower-case, as OpenTelemetry writes them).</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
