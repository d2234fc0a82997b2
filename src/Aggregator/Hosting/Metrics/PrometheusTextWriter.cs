using System.Globalization;

namespace Aggregator.Hosting.Metrics;

/// <summary>
/// Writes metric families in the Prometheus text exposition format 0.0.4: <c># HELP</c> (when the instrument
/// has a description) and <c># TYPE</c> once per family, families sorted by name and series by labels so the
/// output is deterministic.
/// </summary>
internal static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string WriteToString(IEnumerable<MetricFamily> families)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, families);
        return writer.ToString();
    }

    public static void Write(TextWriter writer, IEnumerable<MetricFamily> families)
    {
        // "\n" explicitly: the format requires line feeds, TextWriter.WriteLine would follow the platform.
        foreach (var family in families.OrderBy(family => family.Name, StringComparer.Ordinal))
        {
            if (family.Help is not null)
            {
                writer.Write($"# HELP {family.Name} {PrometheusFormat.EscapeHelp(family.Help)}\n");
            }

            writer.Write($"# TYPE {family.Name} {TypeName(family.Type)}\n");
            foreach (var point in family.Points.OrderBy(point => point.Labels))
            {
                switch (point)
                {
                    case HistogramPoint histogram:
                        WriteHistogram(writer, family.Name, histogram);
                        break;
                    case ValuePoint sample:
                        WriteSample(writer, family.Name, sample.Labels.Text, extraLabel: null, PrometheusFormat.FormatDouble(sample.Value));
                        break;
                }
            }
        }
    }

    private static void WriteHistogram(TextWriter writer, string name, HistogramPoint histogram)
    {
        var bucket = name + "_bucket";
        var labels = histogram.Labels.Text;
        for (var i = 0; i < histogram.Bounds.Count; i++)
        {
            var le = $"le=\"{PrometheusFormat.FormatDouble(histogram.Bounds[i])}\"";
            WriteSample(writer, bucket, labels, le, histogram.CumulativeCounts[i].ToString(CultureInfo.InvariantCulture));
        }

        var count = histogram.Count.ToString(CultureInfo.InvariantCulture);
        WriteSample(writer, bucket, labels, "le=\"+Inf\"", count);
        WriteSample(writer, name + "_sum", labels, extraLabel: null, PrometheusFormat.FormatDouble(histogram.Sum));
        WriteSample(writer, name + "_count", labels, extraLabel: null, count);
    }

    private static void WriteSample(TextWriter writer, string name, string labels, string? extraLabel, string value)
    {
        writer.Write(name);
        if (labels.Length > 0 || extraLabel is not null)
        {
            writer.Write('{');
            writer.Write(labels);
            if (extraLabel is not null)
            {
                if (labels.Length > 0)
                {
                    writer.Write(',');
                }

                writer.Write(extraLabel);
            }

            writer.Write('}');
        }

        writer.Write(' ');
        writer.Write(value);
        writer.Write('\n');
    }

    private static string TypeName(PrometheusMetricType type) => type switch
    {
        PrometheusMetricType.Counter => "counter",
        PrometheusMetricType.Gauge => "gauge",
        PrometheusMetricType.Histogram => "histogram",
        _ => "untyped",
    };
}
