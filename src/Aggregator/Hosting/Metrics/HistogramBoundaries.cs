using System.Diagnostics.Metrics;
using System.Numerics;

namespace Aggregator.Hosting.Metrics;

/// <summary>Chooses a histogram's bucket bounds: the instrument's advice if it gives any, else the configured default.</summary>
internal static class HistogramBoundaries
{
    public static double[] For(Instrument instrument, double[] defaults) => instrument switch
    {
        Histogram<double> histogram => ToDoubles(histogram.Advice) ?? defaults,
        Histogram<float> histogram => ToDoubles(histogram.Advice) ?? defaults,
        Histogram<long> histogram => ToDoubles(histogram.Advice) ?? defaults,
        Histogram<int> histogram => ToDoubles(histogram.Advice) ?? defaults,
        Histogram<short> histogram => ToDoubles(histogram.Advice) ?? defaults,
        Histogram<byte> histogram => ToDoubles(histogram.Advice) ?? defaults,
        Histogram<decimal> histogram => ToDoubles(histogram.Advice) ?? defaults,
        _ => defaults,
    };

    // InstrumentAdvice already rejects bounds that are not ascending; infinities are left to the implicit +Inf bucket.
    private static double[]? ToDoubles<T>(InstrumentAdvice<T>? advice)
        where T : struct, INumberBase<T>
    {
        var bounds = advice?.HistogramBucketBoundaries?.Select(double.CreateChecked).Where(double.IsFinite).Distinct().ToArray();
        return bounds is { Length: > 0 } ? bounds : null;
    }
}
