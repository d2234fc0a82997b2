using System.Globalization;
using Aggregator.Cli;
using Microsoft.Extensions.Configuration;

namespace Aggregator.IntegrationTests.Infrastructure;

/// <summary>
/// Settings for real `aggregator` processes on the embedded broker under throwaway names (application id and every
/// topic carry a fresh suffix, so tests never see each other's data), tuned to keep tests quick: a short commit
/// interval and input idle timeout. Callers add what their scenario needs (instance id, state directory, ports…).
/// </summary>
public static class ThrowawayApp
{
    public static Dictionary<string, string?> Settings(string bootstrapServers, string applicationPrefix, int partitions)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Streams:ApplicationId"] = applicationPrefix + "-" + suffix,
            ["Streams:CommitInterval"] = "00:00:00.500",
            ["Streams:InputIdleTimeout"] = "00:00:03",
            ["Topics:Raw"] = "raw-" + suffix,
            ["Topics:Refined"] = "refined-" + suffix,
            ["Topics:Dlq"] = "dlq-" + suffix,
            ["Topics:Counts"] = "counts-" + suffix,
            ["Topics:OptOuts"] = "optouts-" + suffix,
            ["Topics:Erasures"] = "erasures-" + suffix,
            ["Topics:Partitions"] = partitions.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// The embedded broker lives in the test process and cannot create topics on request: create every topic the app
    /// needs under these settings, internal ones included.
    /// </summary>
    public static void CreateTopics(EmbeddedKafkaFixture kafka, IReadOnlyDictionary<string, string?> settings)
    {
        // The same plan `aggregator run` and `aggregator broker` use: names and partition counts from the built topology.
        foreach (var (name, partitions) in ConfiguredTopology.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).AllTopics())
        {
            kafka.Cluster.CreateTopic(name, partitions);
        }
    }
}
