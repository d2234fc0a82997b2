using Aggregator.Hosting.Options;
using Aggregator.Hosting.Streams;
using Aggregator.Topology;
using Microsoft.Extensions.Logging.Abstractions;
using Streamiz.Kafka.Net;

namespace Aggregator.Tests.Hosting.Streams;

public sealed class StreamsConfigFactoryTests
{
    private static StreamConfig Create(bool exactlyOnce, StreamsOptions? streams = null, KafkaOptions? kafka = null)
    {
        using var metrics = new StreamsMetrics();
        using var bridge = new StreamizMetricsBridge();
        return StreamsConfigFactory.Create(
            kafka ?? new KafkaOptions { BootstrapServers = "broker:9092" },
            streams ?? new StreamsOptions { InstanceId = "one", CommitInterval = TimeSpan.FromMilliseconds(1500) },
            exactlyOnce,
            NullLoggerFactory.Instance,
            bridge,
            metrics);
    }

    // Streamiz resets CommitIntervalMs (to 100 ms) when the guarantee is set to exactly-once: ours must survive it.
    [Fact]
    public void ExactlyOnce_KeepsTheConfiguredCommitInterval()
    {
        var config = Create(exactlyOnce: true);

        Assert.Equal(ProcessingGuarantee.EXACTLY_ONCE, config.Guarantee);
        Assert.Equal(1500, config.CommitIntervalMs);
    }

    [Fact]
    public void AtLeastOnce_UsesAnIdempotentProducer_AndRestoresAHundredThousandRecordsPerPoll()
    {
        var config = Create(exactlyOnce: false);

        Assert.Equal(ProcessingGuarantee.AT_LEAST_ONCE, config.Guarantee);
        Assert.Equal(1500, config.CommitIntervalMs);
        Assert.Equal("true", config.ToProducerConfig("p").Get("enable.idempotence"));
        Assert.Equal(100_000, config.MaxPollRestoringRecords);
    }

    [Fact]
    public void MaxPollRecords_IsStreamizDefaultUnlessConfigured()
    {
        Assert.Equal(500, Create(exactlyOnce: false).MaxPollRecords);
        Assert.Equal(5_000, Create(exactlyOnce: false, new StreamsOptions { InstanceId = "one", MaxPollRecords = 5_000 }).MaxPollRecords);
    }

    [Fact]
    public void Producer_Lingers20Milliseconds_UnlessKafkaClientSaysOtherwise()
    {
        Assert.Equal("20", Create(exactlyOnce: false).ToProducerConfig("p").Get("linger.ms"));

        var kafka = new KafkaOptions { BootstrapServers = "broker:9092" };
        kafka.Client["linger.ms"] = "5";
        Assert.Equal("5", Create(exactlyOnce: false, kafka: kafka).ToProducerConfig("p").Get("linger.ms"));
    }

    [Fact]
    public void PollTimeout_IsStreamizPollMs()
    {
        Assert.Equal(100, Create(exactlyOnce: false).PollMs);
        Assert.Equal(250, Create(exactlyOnce: false, new StreamsOptions { InstanceId = "one", PollTimeout = TimeSpan.FromMilliseconds(250) }).PollMs);
    }

    // Streamiz asks for ToAdminConfig("") on every record a sink writes (PartitionsFor): built once, not per record.
    [Fact]
    public void AdminSettingsTheProducerReadsPerRecord_AreBuiltOnce_OtherClientsGetTheirOwn()
    {
        IStreamConfig config = Create(exactlyOnce: false);

        var perRecord = config.ToAdminConfig("");
        Assert.Same(perRecord, config.ToAdminConfig(""));
        Assert.Equal("broker:9092", perRecord.BootstrapServers);

        var named = config.ToAdminConfig("admin-1");
        Assert.NotSame(named, config.ToAdminConfig("admin-1"));
        Assert.Equal("admin-1", named.ClientId);
        Assert.NotEqual("admin-1", perRecord.ClientId);
    }

    [Fact]
    public void Producer_CompressesWithLz4_UnlessKafkaClientSaysOtherwise()
    {
        Assert.Equal("lz4", Create(exactlyOnce: false).ToProducerConfig("p").Get("compression.type"));

        var kafka = new KafkaOptions { BootstrapServers = "broker:9092", Client = { ["compression.type"] = "zstd" } };
        Assert.Equal("zstd", Create(exactlyOnce: false, kafka: kafka).ToProducerConfig("p").Get("compression.type"));
    }

    [Fact]
    public void GlobalConsumer_WaitsAtMost100MsPerIdleFetch_SoOptOutsApplyQuickly_OnlyItAndUnlessKafkaClientSaysOtherwise()
    {
        var config = Create(exactlyOnce: false);
        Assert.Equal(100, config.ToGlobalConsumerConfig("g").FetchWaitMaxMs);
        Assert.Null(config.ToConsumerConfig("c").FetchWaitMaxMs);

        var kafka = new KafkaOptions { BootstrapServers = "broker:9092", Client = { ["fetch.wait.max.ms"] = "300" } };
        Assert.Equal(300, Create(exactlyOnce: false, kafka: kafka).ToGlobalConsumerConfig("g").FetchWaitMaxMs);
    }

    [Fact]
    public void StateDirectory_IsPerInstance_AndClientIdNamesIt()
    {
        var config = Create(exactlyOnce: false, streams: new StreamsOptions { ApplicationId = "agg", InstanceId = "worker-2", StateDirectory = "/var/lib/aggregator" });

        Assert.Equal("/var/lib/aggregator/worker-2", config.StateDir);
        Assert.Equal("agg-worker-2", config.ClientId);
    }
}
