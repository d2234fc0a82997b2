using Confluent.Kafka;

namespace Aggregator.Demo;

/// <summary>
/// The producer settings of a collector that must never slow the application down (seeds: asynchronous batch
/// sending, <c>acks=1</c>, some loss accepted), tuned for throughput.
/// </summary>
internal static class GeneratorProducerConfig
{
    public static ProducerConfig Create(GeneratorOptions options) => WithClientSettings(new ProducerConfig
    {
        BootstrapServers = options.BootstrapServers,
        ClientId = "aggregator-generator",
        Acks = Acks.Leader,
        // acks=1 rules out idempotence; a resend after a lost ack is a duplicate, which the pipeline must absorb anyway.
        EnableIdempotence = false,
        LingerMs = options.LingerMs,
        // batch.size is capped by message.max.bytes (1 MB by default); 10k records per batch keeps requests large.
        BatchSize = 1_000_000,
        BatchNumMessages = 10_000,
        QueueBufferingMaxMessages = 1_000_000,
        QueueBufferingMaxKbytes = 512 * 1024,
        CompressionType = Enum.Parse<CompressionType>(options.Compression, ignoreCase: true),
        // A minute by default rather than librdkafka's five: stale synthetic traffic is worthless.
        MessageTimeoutMs = (int)options.DeliveryTimeout.TotalMilliseconds,
        // Delivery reports are polled by the producing loop itself, and only their status is needed: copying
        // keys and values back into every report costs a large share of throughput.
        EnableBackgroundPoll = false,
        EnableDeliveryReports = true,
        DeliveryReportFields = "status",
    }, options);

    /// <summary>Adds the shared client settings (security protocol, SASL, SSL) to a producer config.</summary>
    public static ProducerConfig WithClientSettings(ProducerConfig config, GeneratorOptions options)
    {
        foreach (var (name, value) in options.KafkaClientSettings)
        {
            config.Set(name, value);
        }

        return config;
    }

    /// <summary>
    /// Builds the producer; when librdkafka was built without the configured codec, logs why and builds it
    /// uncompressed instead (a generator that refuses to start over compression helps nobody).
    /// </summary>
    public static IProducer<TKey, TValue> BuildWithCompressionFallback<TKey, TValue>(
        ProducerConfig config,
        Func<ProducerConfig, IProducer<TKey, TValue>> build,
        Action<string, string> onFallback)
    {
        try
        {
            return build(config);
        }
        catch (Exception ex) when (config.CompressionType is not (null or CompressionType.None)
                                   && ex is ArgumentException or KafkaException or InvalidOperationException)
        {
            onFallback(config.CompressionType.Value.ToString().ToLowerInvariant(), ex.Message);
            config.CompressionType = CompressionType.None;
            return build(config);
        }
    }
}
