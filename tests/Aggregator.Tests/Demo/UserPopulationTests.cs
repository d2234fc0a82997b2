using Aggregator.Demo;

namespace Aggregator.Tests.Demo;

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
