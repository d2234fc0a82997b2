using Aggregator.Demo;

namespace Aggregator.Tests.Demo;

public class WeightedTableTests
{
    [Fact]
    public void Picks_InProportionToTheWeights()
    {
        var table = new WeightedTable<string>([("a", 1), ("b", 3), ("zero", 0)]);
        var random = new Random(1);

        var picks = Enumerable.Range(0, 40_000).Select(_ => table.Next(random)).ToList();

        Assert.InRange(picks.Count(p => p == "b") / 40_000.0, 0.73, 0.77);
        Assert.DoesNotContain("zero", picks);
        Assert.Equal(0.25, table.Probability(0), 9);
    }

    [Fact]
    public void Zipf_GivesEachRankLessThanTheOneBefore()
    {
        var table = WeightedTable<int>.Zipf(Enumerable.Range(1, 50), 1.1);

        Assert.All(Enumerable.Range(1, 49), i => Assert.True(table.Probability(i) < table.Probability(i - 1)));
        Assert.Equal(Math.Pow(2, 1.1), table.Probability(0) / table.Probability(1), 9);
    }

    [Fact]
    public void RejectsEmptyOrNegativeTables()
    {
        Assert.Throws<ArgumentException>(() => new WeightedTable<string>([]));
        Assert.Throws<ArgumentException>(() => new WeightedTable<string>([("a", -1), ("b", 2)]));
        Assert.Throws<ArgumentException>(() => new WeightedTable<string>([("a", 0)]));
    }
}
