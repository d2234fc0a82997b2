namespace Aggregator.Reports;

/// <summary>
/// Renders a series as a one-line chart of the eight Unicode block characters <c>▁▂▃▄▅▆▇█</c>, scaled so the
/// maximum is <c>█</c> and the baseline is zero (bar heights compare as the values do; a flat series is a flat
/// line at full height).
/// </summary>
internal static class Sparkline
{
    public const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>
    /// One character per value: "" for no values; <c>▁</c> for zero (and negative values, which counts never are);
    /// otherwise proportional to the maximum, and at least <c>▂</c> so that a small non-zero value stays
    /// distinguishable from none. All zeros render as a flat line of <c>▁</c>.
    /// </summary>
    public static string Render(IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        long max = 0;
        foreach (var value in values)
        {
            max = Math.Max(max, value);
        }

        return string.Create(values.Count, (values, max), static (span, state) =>
        {
            var (values, max) = state;
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Blocks[Level(values[i], max)];
            }
        });
    }

    private static int Level(long value, long max)
    {
        if (value <= 0 || max <= 0)
        {
            return 0;
        }

        var top = Blocks.Length - 1;
        var level = (int)Math.Round((double)value / max * top, MidpointRounding.AwayFromZero);
        return Math.Clamp(level, 1, top);
    }
}
