namespace Aggregator.Hosting.Metrics;

/// <summary>
/// Maps instrument names and tag keys to Prometheus metric and label names (docs/metrics.md is the contract):
/// <c>.</c> and every other character outside the allowed set become <c>_</c>, a leading digit gets a <c>_</c>
/// prefix, counters end in <c>_total</c>, histograms in seconds end in <c>_seconds</c>.
/// </summary>
internal static class PrometheusNames
{
    private const string TotalSuffix = "_total";
    private const string SecondsSuffix = "_seconds";

    /// <summary>The metric family name written on the <c># TYPE</c> line and (plus suffixes) on the samples.</summary>
    public static string FamilyName(string instrumentName, string? unit, PrometheusMetricType type)
    {
        var name = MetricName(instrumentName);
        return type switch
        {
            PrometheusMetricType.Counter when !name.EndsWith(TotalSuffix, StringComparison.Ordinal) => name + TotalSuffix,
            PrometheusMetricType.Histogram when unit == "s" && !name.EndsWith(SecondsSuffix, StringComparison.Ordinal) => name + SecondsSuffix,
            _ => name,
        };
    }

    /// <summary>A valid metric name: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static string MetricName(string name) => Sanitize(name, allowColon: true);

    /// <summary>A valid label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c> (colons are reserved for metric names).</summary>
    public static string LabelName(string name) => Sanitize(name, allowColon: false);

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var prefix = IsDigit(name[0]) ? 1 : 0;
        if (prefix == 0 && IsValid(name, allowColon))
        {
            return name;
        }

        return string.Create(name.Length + prefix, (name, allowColon, prefix), static (span, state) =>
        {
            span[0] = '_';
            for (var i = 0; i < state.name.Length; i++)
            {
                var c = state.name[i];
                span[i + state.prefix] = IsAllowed(c, state.allowColon) ? c : '_';
            }
        });
    }

    private static bool IsValid(string name, bool allowColon)
    {
        foreach (var c in name)
        {
            if (!IsAllowed(c, allowColon))
            {
                return false;
            }
        }

        return true;
    }

    // ASCII only on purpose: char.IsLetter would let 'é' through, which Prometheus rejects.
    private static bool IsAllowed(char c, bool allowColon) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || IsDigit(c) || (allowColon && c == ':');

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
}
