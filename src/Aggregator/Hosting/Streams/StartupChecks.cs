using Aggregator.Hosting.Options;
using Aggregator.Kafka;
using Confluent.Kafka;

namespace Aggregator.Hosting.Streams;

/// <summary>
/// What start-up verifies before Streamiz runs, so a wrong environment ends in one clear line (exit 2) instead of a
/// stack trace or a worker that waits for ever: the brokers answer within <see cref="KafkaOptions.StartupTimeout"/>, the
/// application's topics exist, internal topics that already exist have the partition counts the topology needs, and
/// whether the cluster is the embedded broker (which cannot keep exactly-once).
/// </summary>
internal static class StartupChecks
{
    public static StartupFacts Run(KafkaOptions kafka, StreamsOptions streams, TopicsOptions topics, Func<Func<string, int>, IReadOnlyDictionary<string, int>> planInternalTopics)
    {
        BundledLibrdkafka.EnsureLoaded();
        using var admin = new AdminClientBuilder(kafka.ClientSettings(streams.ApplicationId + "-startup")).SetLogHandler((_, _) => { }).Build();
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(kafka.StartupTimeout);
        }
        catch (KafkaException ex)
        {
            throw new KafkaEnvironmentException($"Kafka at {kafka.BootstrapServers} was not reachable within {kafka.StartupTimeout.TotalSeconds:F0} s: {ex.Error.Reason}", ex);
        }

        var partitions = metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError)
            .ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
        var missing = topics.All.Where(t => !partitions.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new KafkaEnvironmentException(
                $"Topic(s) missing: {string.Join(", ", missing)}. Create them (with the partition count you want to scale to) before starting.");
        }

        var plan = planInternalTopics(topic => partitions[topic]);
        var misSized = plan.Where(t => partitions.TryGetValue(t.Key, out var existing) && existing != t.Value)
            .Select(t => $"{t.Key} has {partitions[t.Key]} partitions, needs {t.Value}")
            .ToList();
        if (misSized.Count > 0)
        {
            throw new KafkaEnvironmentException(
                $"Internal topic(s) mis-sized for this topology: {string.Join("; ", misSized)}. Delete them (the application recreates them) " +
                "or use a new Streams:ApplicationId.");
        }

        return new StartupFacts(partitions.ContainsKey(EmbeddedBrokerMarker.Topic), partitions[topics.Raw]);
    }
}

/// <summary>What start-up learnt of the cluster.</summary>
internal sealed record StartupFacts(bool IsEmbeddedBroker, int RawPartitions);
