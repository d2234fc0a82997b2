using Microsoft.Extensions.Options;

namespace Aggregator.Activity;

/// <summary>
/// Builds the windowed-count key of a refined event: the configured dimension values joined by '|', e.g.
/// <c>page_view|/products/42</c>. A missing or empty value is written as '-'; a literal '|' inside a value
/// is written as "%7C" (its URL encoding), so a key always splits back into exactly one value per dimension.
/// </summary>
internal sealed class CountKeyBuilder
{
    public const char Separator = '|';
    public const string Missing = "-";
    private const string EscapedSeparator = "%7C";

    private readonly CountDimension[] _dimensions;

    public CountKeyBuilder(IOptions<CountingOptions> options)
        : this(Parse(options.Value.GroupBy))
    {
    }

    // Private so the DI container sees exactly one constructor.
    private CountKeyBuilder(IReadOnlyList<CountDimension> dimensions)
    {
        if (dimensions.Count == 0)
        {
            throw new ArgumentException("At least one counting dimension is required.", nameof(dimensions));
        }

        _dimensions = [.. dimensions];
        Layout = string.Join(Separator, _dimensions.Select(CountDimensions.NameOf));
    }

    /// <summary>A builder for explicit dimensions (tests, tools).</summary>
    public static CountKeyBuilder For(params IReadOnlyList<CountDimension> dimensions) => new(dimensions);

    public IReadOnlyList<CountDimension> Dimensions => _dimensions;

    /// <summary>The dimension names in key order, e.g. "type|path": a header for reports.</summary>
    public string Layout { get; }

    public string Build(RefinedEvent refined)
    {
        if (_dimensions.Length == 2)
        {
            return string.Concat(ValueOf(refined, _dimensions[0]), "|", ValueOf(refined, _dimensions[1]));
        }

        var values = new string[_dimensions.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ValueOf(refined, _dimensions[i]);
        }

        return string.Join(Separator, values);
    }

    /// <summary>Splits a key built by this builder back into its values (still escaped, '-' for missing).</summary>
    public static string[] Split(string key) => key.Split(Separator);

    private static string ValueOf(RefinedEvent refined, CountDimension dimension)
    {
        var value = dimension switch
        {
            CountDimension.Type => refined.Type,
            CountDimension.Path => refined.Page?.Path,
            CountDimension.Host => refined.Page?.Host,
            CountDimension.DeviceClass => refined.Device?.Class,
            CountDimension.Browser => refined.Device?.Browser,
            CountDimension.Os => refined.Device?.Os,
            CountDimension.ReferrerHost => refined.ReferrerHost,
            _ => null,
        };

        if (string.IsNullOrEmpty(value))
        {
            return Missing;
        }

        return value.Contains(Separator, StringComparison.Ordinal) ? value.Replace("|", EscapedSeparator, StringComparison.Ordinal) : value;
    }

    private static CountDimension[] Parse(string groupBy) =>
        CountDimensions.TryParse(groupBy, out var dimensions, out var error)
            ? dimensions
            : throw new OptionsValidationException(nameof(CountingOptions), typeof(CountingOptions), [error!]);
}
