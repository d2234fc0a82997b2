using System.Globalization;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>Repeated measurements of one figure, summarised as min / median / max.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;

    public void Add(double value) => _values.Add(value);

    public double Median
    {
        get
        {
            if (_values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _values.Order().ToList();
            var mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    public double Min => _values.Count == 0 ? double.NaN : _values.Min();

    public double Max => _values.Count == 0 ? double.NaN : _values.Max();

    /// <summary>"median (min–max)", or just the value for one sample; "—" without any.</summary>
    public string Format(string format = "N0")
    {
        if (_values.Count == 0)
        {
            return "—";
        }

        return _values.Count == 1
            ? Fmt(_values[0], format)
            : $"{Fmt(Median, format)} ({Fmt(Min, format)} – {Fmt(Max, format)})";
    }

    public static string Fmt(double value, string format = "N0") =>
        double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>Figures by name, each with its repeats.</summary>
internal static class SamplesByName
{
    /// <summary>Adds one repeat's <paramref name="value"/> to figure <paramref name="name"/>; a value that could not be measured (NaN, ∞) is left out.</summary>
    public static void Record(this Dictionary<string, Samples> figures, string name, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return;
        }

        if (!figures.TryGetValue(name, out var samples))
        {
            figures[name] = samples = new Samples();
        }

        samples.Add(value);
    }
}
