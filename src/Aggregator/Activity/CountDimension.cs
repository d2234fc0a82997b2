namespace Aggregator.Activity;

/// <summary>A refined-record attribute windowed counts can be grouped by (<c>Counts:GroupBy</c>).</summary>
internal enum CountDimension
{
    Type,
    Path,
    Host,
    DeviceClass,
    Browser,
    Os,
    ReferrerHost,
}

internal static class CountDimensions
{
    /// <summary>Configuration names, in <see cref="CountDimension"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["type", "path", "host", "deviceClass", "browser", "os", "referrerHost"];

    public static string NameOf(CountDimension dimension) => Names[(int)dimension];

    /// <summary>
    /// Parses a comma-separated list ("type,path"); names are case-insensitive and trimmed. Returns false
    /// with an error that lists the allowed names for an unknown, repeated or empty entry.
    /// </summary>
    public static bool TryParse(string? groupBy, out CountDimension[] dimensions, out string? error)
    {
        dimensions = [];
        var parsed = new List<CountDimension>();
        foreach (var entry in (groupBy ?? string.Empty).Split(','))
        {
            var name = entry.Trim();
            var index = IndexOf(name);
            if (index < 0)
            {
                error = name.Length == 0
                    ? $"Counts:GroupBy '{groupBy}' has an empty dimension; allowed: {string.Join(", ", Names)}."
                    : $"Counts:GroupBy has unknown dimension '{name}'; allowed: {string.Join(", ", Names)}.";
                return false;
            }

            if (parsed.Contains((CountDimension)index))
            {
                error = $"Counts:GroupBy lists '{Names[index]}' more than once.";
                return false;
            }

            parsed.Add((CountDimension)index);
        }

        dimensions = [.. parsed];
        error = null;
        return true;
    }

    private static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
