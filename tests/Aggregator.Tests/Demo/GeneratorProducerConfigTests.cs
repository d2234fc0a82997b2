using Aggregator.Demo;
using Confluent.Kafka;

namespace Aggregator.Tests.Demo;

public class GeneratorProducerConfigTests
{
    [Fact]
    public void Config_IsBatchedAsyncAcksOne()
    {
        var options = new GeneratorOptions { BootstrapServers = "b:9092", LingerMs = 15, DeliveryTimeout = TimeSpan.FromSeconds(30) };

        var config = GeneratorProducerConfig.Create(options);

        Assert.Equal("b:9092", config.BootstrapServers);
        Assert.Equal(Acks.Leader, config.Acks);
        Assert.Equal(15, config.LingerMs);
        Assert.True(config.BatchSize >= 1_000_000);
        Assert.Equal(CompressionType.Lz4, config.CompressionType);
        Assert.Equal(30_000, config.MessageTimeoutMs);
        Assert.False(config.EnableIdempotence);
        Assert.False(config.EnableBackgroundPoll);
    }

    [Fact]
    public void UnsupportedCompression_FallsBackToNone_AndSaysWhy()
    {
        var config = GeneratorProducerConfig.Create(new GeneratorOptions { BootstrapServers = "b:9092" });
        var attempts = new List<CompressionType?>();
        (string Codec, string Reason)? fallback = null;

        var result = GeneratorProducerConfig.BuildWithCompressionFallback<string, string>(
            config,
            c =>
            {
                attempts.Add(c.CompressionType);
                return c.CompressionType == CompressionType.Lz4
                    ? throw new ArgumentException("Unsupported value \"lz4\" for configuration property \"compression.codec\"")
                    : null!;
            },
            (codec, reason) => fallback = (codec, reason));

        Assert.Null(result);
        Assert.Equal([CompressionType.Lz4, CompressionType.None], attempts);
        Assert.Equal("lz4", fallback?.Codec);
        Assert.Contains("compression.codec", fallback?.Reason);
    }

    [Fact]
    public void OtherBuildErrors_AreNotMistakenForMissingCompression()
    {
        var config = GeneratorProducerConfig.Create(new GeneratorOptions { BootstrapServers = "b:9092", Compression = "none" });

        Assert.Throws<ArgumentException>(() => GeneratorProducerConfig.BuildWithCompressionFallback<string, string>(
            config, _ => throw new ArgumentException("bad"), (_, _) => Assert.Fail("no fallback expected")));
    }

    [Fact]
    public void ThisLibrdkafka_BuildsTheConfiguredProducer_WithLz4()
    {
        Aggregator.Kafka.BundledLibrdkafka.EnsureLoaded();
        var config = GeneratorProducerConfig.Create(new GeneratorOptions { BootstrapServers = "127.0.0.1:1" });
        string? fellBackFrom = null;

        using var producer = GeneratorProducerConfig.BuildWithCompressionFallback(
            config, c => new ProducerBuilder<byte[]?, byte[]>(c).Build(), (codec, _) => fellBackFrom = codec);

        Assert.Null(fellBackFrom); // Debian's librdkafka 2.0.2 has lz4 built in
        Assert.Equal(CompressionType.Lz4, config.CompressionType);
    }
}
