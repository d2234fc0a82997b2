using Aggregator.Streams.Kafka.Native;
using Confluent.Kafka;

namespace Aggregator.Streams.Kafka;

/// <summary>
/// Builds the librdkafka clients of a streams instance with the settings its protocol depends on
/// (manual commits, idempotent ordered sends, Java-compatible key partitioning), plus the user's
/// <see cref="StreamsConfig.ClientSettings"/> (security and tuning).
/// </summary>
internal sealed class KafkaClientFactory(StreamsConfig config)
{
    public IConsumer<byte[], byte[]> MainConsumer(string clientId, bool cooperative, Action<ConsumerBuilder<byte[], byte[]>> configure)
    {
        KafkaNativeLibrary.EnsureInitialized();
        var settings = Common(clientId);
        settings["group.id"] = config.ApplicationId;
        settings["enable.auto.commit"] = "false";
        settings["enable.auto.offset.store"] = "false";
        settings["auto.offset.reset"] = "earliest";
        settings["partition.assignment.strategy"] = cooperative ? "cooperative-sticky" : "range";
        settings["session.timeout.ms"] = Ms(config.SessionTimeout);
        settings["heartbeat.interval.ms"] = Ms(config.HeartbeatInterval);
        settings["fetch.max.bytes"] = (64 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["max.partition.fetch.bytes"] = (8 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["queued.max.messages.kbytes"] = (256 << 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var builder = new ConsumerBuilder<byte[], byte[]>(settings);
        configure(builder);
        return builder.Build();
    }

    /// <summary>A consumer for changelogs: assigned partitions only, never joins the group, never commits.</summary>
    public IConsumer<byte[], byte[]> RestoreConsumer(string clientId, Action<ConsumerBuilder<byte[], byte[]>> configure)
    {
        KafkaNativeLibrary.EnsureInitialized();
        var settings = Common(clientId);
        settings["group.id"] = config.ApplicationId + "-restore";
        settings["enable.auto.commit"] = "false";
        settings["enable.auto.offset.store"] = "false";
        settings["auto.offset.reset"] = "earliest";
        settings["fetch.max.bytes"] = (64 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["max.partition.fetch.bytes"] = (16 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["queued.max.messages.kbytes"] = (512 << 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var builder = new ConsumerBuilder<byte[], byte[]>(settings);
        configure(builder);
        return builder.Build();
    }

    public IProducer<byte[], byte[]> Producer(string clientId, Action<ProducerBuilder<byte[], byte[]>> configure)
    {
        KafkaNativeLibrary.EnsureInitialized();
        var settings = Common(clientId);
        // Idempotence: no duplicates or reordering from client retries, so a changelog batch lands in order
        // and its commit marker after it.
        settings["enable.idempotence"] = "true";
        settings["acks"] = "all";
        settings["linger.ms"] = Ms(config.ProducerLinger);
        settings["batch.size"] = (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["queue.buffering.max.messages"] = "1000000";
        settings["queue.buffering.max.kbytes"] = (512 << 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["message.timeout.ms"] = Ms(config.DeliveryTimeout);
        // Same key → same partition as Java clients and Kafka Streams (librdkafka's default hashes differently).
        settings["partitioner"] = "murmur2_random";
        // Delivery reports are read for their error and offset only (always present). By default the client copies
        // each record's key, value and headers back into new managed objects for its report: several allocations per
        // record sent, on a thread that competes with the stream threads for the same cores.
        settings["dotnet.producer.delivery.report.fields"] = "none";
        // Repartition, changelog and output records are small, repetitive JSON: lz4 shrinks batches several-fold for
        // little CPU, so a broker holds a larger backlog (the embedded broker keeps only ~5 MB per partition and a
        // refine stage running ahead of counting filled that uncompressed). A compression.type in the client
        // settings (Kafka:Client) wins.
        settings.TryAdd("compression.type", "lz4");
        var builder = new ProducerBuilder<byte[], byte[]>(settings);
        configure(builder);
        return builder.Build();
    }

    /// <summary>An admin client whose librdkafka log goes to <paramref name="log"/> instead of stderr.</summary>
    public IAdminClient Admin(string clientId, Action<LogMessage> log)
    {
        KafkaNativeLibrary.EnsureInitialized();
        return new AdminClientBuilder(Common(clientId)).SetLogHandler((_, message) => log(message)).Build();
    }

    private Dictionary<string, string> Common(string clientId)
    {
        var settings = new Dictionary<string, string>(config.ClientSettings, StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = config.BootstrapServers,
            ["client.id"] = clientId,
            ["log.connection.close"] = "false",
        };
        return settings;
    }

    private static string Ms(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
