namespace Aggregator.Hosting.Metrics;

/// <summary>
/// Rewrites <c>name{} value</c> as <c>name value</c>. OpenTelemetry's exporter writes empty braces on series
/// without labels once scope labels are off; the text format 0.0.4 grammar has no empty label set, and the
/// operations tests and scripts read <c>aggregator_events_refined_total 42</c> as every Prometheus client writes it.
/// </summary>
internal static class EmptyLabelSets
{
    public static string Strip(string exposition)
    {
        if (!exposition.Contains("{} ", StringComparison.Ordinal))
        {
            return exposition;
        }

        var lines = exposition.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // Only the braces right after the metric name: a metric name has no '{', a label value or HELP text may.
            var line = lines[i];
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            if (brace > 0 && line[0] != '#' && line.AsSpan(brace).StartsWith("{} "))
            {
                lines[i] = string.Concat(line.AsSpan(0, brace), line.AsSpan(brace + 2));
            }
        }

        return string.Join('\n', lines);
    }
}
