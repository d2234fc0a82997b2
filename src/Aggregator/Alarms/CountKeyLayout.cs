using Aggregator.Activity;

namespace Aggregator.Alarms;

/// <summary>
/// Where the type and the path are in a count key (<c>Counts:GroupBy</c>; by default <c>type|path</c>, e.g.
/// <c>page_view|/products/42</c>), so rules can match keys of any configured layout.
/// </summary>
internal sealed class CountKeyLayout
{
    private CountKeyLayout(int typeIndex, int pathIndex)
    {
        TypeIndex = typeIndex;
        PathIndex = pathIndex;
    }

    /// <summary><c>type|path</c>, the default <c>Counts:GroupBy</c>.</summary>
    public static CountKeyLayout Default { get; } = new(0, 1);

    /// <summary>Position of the type among the key's values; -1 when the key has none.</summary>
    public int TypeIndex { get; }

    /// <summary>Position of the path among the key's values; -1 when the key has none.</summary>
    public int PathIndex { get; }

    public static CountKeyLayout From(IReadOnlyList<CountDimension> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        return new CountKeyLayout(IndexOf(dimensions, CountDimension.Type), IndexOf(dimensions, CountDimension.Path));
    }

    /// <summary>The type and path values of a key ('-' where the event had none); empty when not in the layout.</summary>
    public void Read(ReadOnlySpan<char> key, out ReadOnlySpan<char> type, out ReadOnlySpan<char> path)
    {
        type = default;
        path = default;
        var index = 0;
        while (true)
        {
            var separator = key.IndexOf(CountKeyBuilder.Separator);
            var value = separator < 0 ? key : key[..separator];
            if (index == TypeIndex)
            {
                type = value;
            }

            if (index == PathIndex)
            {
                path = value;
            }

            if (separator < 0 || index >= Math.Max(TypeIndex, PathIndex))
            {
                return;
            }

            key = key[(separator + 1)..];
            index++;
        }
    }

    private static int IndexOf(IReadOnlyList<CountDimension> dimensions, CountDimension dimension)
    {
        for (var i = 0; i < dimensions.Count; i++)
        {
            if (dimensions[i] == dimension)
            {
                return i;
            }
        }

        return -1;
    }
}
