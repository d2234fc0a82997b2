using Aggregator.Hosting.Options;

namespace Aggregator.Tests.Hosting.Options;

public sealed class KafkaClientDefaultsTests
{
    [Fact]
    public void ReconnectBackoff_IsCappedAtOneSecond_ByDefault()
    {
        var settings = new KafkaOptions { BootstrapServers = "kafka:9092" }.ClientSettings();

        Assert.Equal("1000", settings["reconnect.backoff.max.ms"]);
    }

    [Fact]
    public void ClientSection_OverridesTheDefaults()
    {
        var options = new KafkaOptions { BootstrapServers = "kafka:9092" };
        options.Client["reconnect.backoff.max.ms"] = "10000";
        options.Client["socket.keepalive.enable"] = "true";

        var settings = options.ClientSettings();

        Assert.Equal("10000", settings["reconnect.backoff.max.ms"]);
        Assert.Equal("true", settings["socket.keepalive.enable"]);
    }
}
