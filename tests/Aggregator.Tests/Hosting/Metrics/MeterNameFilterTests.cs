using Aggregator.Hosting.Metrics;

namespace Aggregator.Tests.Hosting.Metrics;

public sealed class MeterNameFilterTests
{
    [Theory]
    [InlineData("Aggregator", true)]
    [InlineData("Aggregator.Streams", true)]
    [InlineData("Aggregator.Streams.Rocks", true)]
    [InlineData("AggregatorX", false)]
    [InlineData("Aggregator_Streams", false)]
    [InlineData("aggregator", false)]
    [InlineData("Other.Aggregator", false)]
    [InlineData("Microsoft.AspNetCore.Hosting", false)]
    public void Matches_TheNameAndItsDottedDescendants(string meter, bool expected) =>
        Assert.Equal(expected, new MeterNameFilter(["Aggregator"]).Matches(meter));

    [Fact]
    public void Matches_AnyOfSeveralNames()
    {
        var filter = new MeterNameFilter(["A.B", "C"]);

        Assert.True(filter.Matches("A.B.x"));
        Assert.True(filter.Matches("C"));
        Assert.False(filter.Matches("A"));
        Assert.False(filter.Matches("A.Bx"));
    }

    [Fact]
    public void Matches_NothingWhenEmpty() => Assert.False(new MeterNameFilter([]).Matches("Aggregator"));
}
