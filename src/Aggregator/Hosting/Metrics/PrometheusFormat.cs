using System.Globalization;
using System.Text;

namespace Aggregator.Hosting.Metrics;

/// <summary>Escaping and number formatting of the text exposition format 0.0.4.</summary>
internal static class PrometheusFormat
{
    /// <summary>HELP text: only <c>\</c> and line feed are escaped (quotes are literal there).</summary>
    public static string EscapeHelp(string text) => Escape(text, escapeQuote: false);

    /// <summary>Label values: <c>\</c>, <c>"</c> and line feed are escaped.</summary>
    public static string EscapeLabelValue(string value) => Escape(value, escapeQuote: true);

    /// <summary>
    /// A sample value as Prometheus parses it: <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>, otherwise the shortest
    /// round-trippable invariant form (never a culture's decimal comma).
    /// </summary>
    public static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Escape(string text, bool escapeQuote)
    {
        var first = escapeQuote ? text.AsSpan().IndexOfAny('\\', '\n', '"') : text.AsSpan().IndexOfAny('\\', '\n');
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\n': builder.Append(@"\n"); break;
                case '"' when escapeQuote: builder.Append("\\\""); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }
}
