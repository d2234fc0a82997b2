namespace Aggregator.Demo;

/// <summary>Picks items with fixed relative weights in O(log n): cumulative weights and a binary search.</summary>
internal sealed class WeightedTable<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedTable(IEnumerable<(T Item, double Weight)> entries)
    {
        var list = entries.ToList();
        if (list.Count == 0 || list.Any(e => !(e.Weight >= 0)) || list.Sum(e => e.Weight) <= 0)
        {
            throw new ArgumentException("A weighted table needs at least one entry and non-negative weights with a positive sum.", nameof(entries));
        }

        _items = list.Select(e => e.Item).ToArray();
        _cumulative = new double[list.Count];
        var total = list.Sum(e => e.Weight);
        var running = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            running += list[i].Weight / total;
            _cumulative[i] = running;
        }

        // Rounding must not leave a sliver above the last bucket that NextDouble() could land in.
        _cumulative[^1] = 1.0;
    }

    public int Count => _items.Length;

    public IReadOnlyList<T> Items => _items;

    /// <summary>A table whose k-th item (from 1) has weight 1/k^exponent: a few items take most picks.</summary>
    public static WeightedTable<T> Zipf(IEnumerable<T> itemsByRank, double exponent) =>
        new(itemsByRank.Select((item, index) => (item, 1.0 / Math.Pow(index + 1, exponent))));

    /// <summary>The probability of the item at <paramref name="index"/>; for tests and documentation.</summary>
    public double Probability(int index) => _cumulative[index] - (index == 0 ? 0 : _cumulative[index - 1]);

    public T Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        // BinarySearch returns ~(first larger element) when the value is not present.
        return _items[index >= 0 ? index : ~index];
    }
}
