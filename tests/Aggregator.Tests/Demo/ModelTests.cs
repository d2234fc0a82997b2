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

public class UserPopulationTests
{
    [Fact]
    public void SameSeedAndIndex_DescribeTheSamePerson()
    {
        var (a, b) = (new UserPopulation(5, 1000).Get(123), new UserPopulation(5, 1000).Get(123));
        Assert.Equal((a.UserId, a.AnonymousId, a.Agent, a.Ip, a.UtcOffset), (b.UserId, b.AnonymousId, b.Agent, b.Ip, b.UtcOffset));
        Assert.NotEqual(new UserPopulation(5, 1000).Get(123).AnonymousId, new UserPopulation(6, 1000).Get(123).AnonymousId);
    }

    [Fact]
    public void SeventyPercentAreLoggedIn_WithSequentialIds_AndNoBotLogsIn()
    {
        var population = new UserPopulation(1, 1000);
        var users = Enumerable.Range(0, 1000).Select(population.Get).ToList();

        Assert.Equal(700, population.LoggedInCount);
        Assert.Equal("u-000001", users[0].UserId);
        Assert.Equal("u-000700", users[699].UserId);
        Assert.All(users.Skip(700), u => Assert.Null(u.UserId));
        Assert.All(users.Where(u => u.UserId is not null), u => Assert.False(u.Agent.IsBot));
        Assert.All(users, u => Assert.True(System.Net.IPAddress.TryParse(u.Ip, out _), u.Ip));
        Assert.All(users, u => Assert.Equal(u.Key, System.Text.Encoding.UTF8.GetString(u.KeyUtf8)));
    }
}
