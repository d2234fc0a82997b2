namespace Aggregator.Hosting.Metrics;

/// <summary>
/// Compares a measurement's tag span with stored tag arrays, so a dictionary keyed by arrays can be probed with
/// the span the <see cref="System.Diagnostics.Metrics.MeterListener"/> hands over, without copying it: the hot
/// path allocates only the first time a combination (in that order) is seen.
/// </summary>
/// <remarks>Order-sensitive on purpose (cheap); other orders of the same tags reach the same series through
/// <see cref="TagLabels"/> on their first sighting and are then cached as their own key.</remarks>
internal sealed class TagSetComparer :
    IEqualityComparer<KeyValuePair<string, object?>[]>,
    IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, KeyValuePair<string, object?>[]>
{
    public static TagSetComparer Instance { get; } = new();

    private TagSetComparer()
    {
    }

    public bool Equals(KeyValuePair<string, object?>[]? x, KeyValuePair<string, object?>[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && Equals(x.AsSpan(), y));

    public int GetHashCode(KeyValuePair<string, object?>[] obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, KeyValuePair<string, object?>[] other)
    {
        if (alternate.Length != other.Length)
        {
            return false;
        }

        for (var i = 0; i < alternate.Length; i++)
        {
            if (!string.Equals(alternate[i].Key, other[i].Key, StringComparison.Ordinal) || !Equals(alternate[i].Value, other[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate)
    {
        var hash = new HashCode();
        foreach (var tag in alternate)
        {
            hash.Add(tag.Key, StringComparer.Ordinal);
            hash.Add(tag.Value);
        }

        return hash.ToHashCode();
    }

    public KeyValuePair<string, object?>[] Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => alternate.ToArray();
}
