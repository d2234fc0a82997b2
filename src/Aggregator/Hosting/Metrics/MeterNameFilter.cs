namespace Aggregator.Hosting.Metrics;

/// <summary>Which meters are exported: a configured name matches itself and names below it after a dot.</summary>
internal sealed class MeterNameFilter(IEnumerable<string> meterNames)
{
    private readonly string[] _names = [.. meterNames];

    public bool Matches(string meterName)
    {
        foreach (var name in _names)
        {
            if (meterName.StartsWith(name, StringComparison.Ordinal)
                && (meterName.Length == name.Length || meterName[name.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }
}
