using Aggregator.Streams.Dsl;
using Aggregator.Streams.Testing;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Streams.Tests.Dsl;

public sealed class JoinTests
{
    [Fact]
    public void StreamTableJoin_UsesTheTablesValueAtTheTimeOfEachRecord()
    {
        var builder = new StreamsBuilder();
        var users = builder.Table("users", Consumed<string, string>.With(S.String, S.String), Materialized<string, string>.As("users-store"));
        var clicks = builder.Stream("clicks", Consumed<string, string>.With(S.String, S.String));
        clicks.Join(users, (page, name) => $"{name}:{page}").To("inner");
        clicks.LeftJoin(users, (page, name) => $"{name ?? "?"}:{page}").To("left");
        using var driver = new TopologyTestDriver(builder.Build());
        var userInput = driver.CreateInputTopic("users", S.String, S.String);
        var clickInput = driver.CreateInputTopic("clicks", S.String, S.String);

        clickInput.PipeInput("u1", "/early", 1);
        userInput.PipeInput("u1", "Ann", 2);
        clickInput.PipeInput("u1", "/home", 3);
        userInput.PipeTombstone("u1", 4);
        clickInput.PipeInput("u1", "/gone", 5);

        Assert.Equal(["Ann:/home"], driver.CreateOutputTopic("inner", S.String, S.String).ReadRecordsToList().Select(r => r.Value));
        Assert.Equal(["?:/early", "Ann:/home", "?:/gone"], driver.CreateOutputTopic("left", S.String, S.String).ReadRecordsToList().Select(r => r.Value));
    }

    [Fact]
    public void GlobalTableJoin_LooksUpByADerivedKey()
    {
        var builder = new StreamsBuilder();
        var countries = builder.GlobalTable("countries", Consumed<string, string>.With(S.String, S.String), "countries-store");
        builder.Stream("orders", Consumed<string, string>.With(S.String, S.String))
            .LeftJoin(countries, (_, value) => value.Split(':')[0], (value, country) => $"{value}->{country ?? "unknown"}")
            .To("enriched");
        using var driver = new TopologyTestDriver(builder.Build());
        driver.CreateInputTopic("countries", S.String, S.String).PipeInput("kr", "Korea", 1);
        var orders = driver.CreateInputTopic("orders", S.String, S.String);

        orders.PipeInput("o1", "kr:42", 2);
        orders.PipeInput("o2", "xx:7", 3);

        Assert.Equal(["kr:42->Korea", "xx:7->unknown"], driver.CreateOutputTopic("enriched", S.String, S.String).ReadRecordsToList().Select(r => r.Value));
    }
}
