using System.Globalization;
using Aggregator.Streams.State;
using Aggregator.Streams.Topology;
using Microsoft.Extensions.Logging;

namespace Aggregator.Streams.Kafka.Admin;

/// <summary>
/// Makes sure the cluster fits the topology before anything runs: source topics exist, internal topics exist
/// with the partition counts the plan needs (created if missing), and existing ones are not mis-sized —
/// a changelog or repartition topic with the wrong count would silently send keys to the wrong task.
/// </summary>
internal static class InternalTopicManager
{
    private const long OneDayMs = 24L * 60 * 60 * 1000;
    private const long RepartitionRetentionMs = 7 * OneDayMs;

    public static async Task<PartitionPlan> PrepareAsync(Topology.Topology topology, StreamsConfig config, ITopicAdmin admin, ILogger logger, CancellationToken cancellationToken)
    {
        var sources = topology.SourceTopics;
        var existing = await WaitForClusterAsync(admin, config, sources.Concat(topology.InternalTopics(config.ApplicationId).Select(t => t.Name)), logger, cancellationToken);
        var missing = sources.Where(t => !existing.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new TopologyException($"Source topic(s) missing: {string.Join(", ", missing)}. Create them (with the partition count you want to scale to) before starting.");
        }

        var plan = PartitionPlanner.Plan(topology, config.ApplicationId, existing);
        var internalTopics = topology.InternalTopics(config.ApplicationId);
        var mismatched = internalTopics
            .Where(t => existing.TryGetValue(t.Name, out var count) && count != plan.InternalTopicPartitions[t.Name])
            .Select(t => $"{t.Name} has {existing[t.Name]} partitions, needs {plan.InternalTopicPartitions[t.Name]}")
            .ToList();
        if (mismatched.Count > 0)
        {
            throw new TopologyException(
                "Internal topics have the wrong partition count: " + string.Join("; ", mismatched) +
                ". They must match their sources' partitions. Delete and recreate them with the right count " +
                "(or, on an embedded broker started by another process, start it with --topic NAME:PARTITIONS for each).");
        }

        var toCreate = internalTopics.Where(t => !existing.ContainsKey(t.Name))
            .Select(t => new TopicSpec(t.Name, plan.InternalTopicPartitions[t.Name], TopicConfig(t)))
            .ToList();
        if (toCreate.Count > 0)
        {
            Runtime.Log.CreatingTopics(logger, string.Join(", ", toCreate.Select(t => $"{t.Name} ({t.Partitions})")));
            await admin.CreateTopicsAsync(toCreate, cancellationToken);
            await WaitUntilVisibleAsync(admin, config, toCreate, cancellationToken);
        }

        return plan;
    }

    private static async Task<IReadOnlyDictionary<string, int>> WaitForClusterAsync(ITopicAdmin admin, StreamsConfig config, IEnumerable<string> topics, ILogger logger, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + config.StartupTimeout;
        var names = topics.ToList();
        while (true)
        {
            try
            {
                return admin.GetPartitionCounts(names, TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is Confluent.Kafka.KafkaException && DateTime.UtcNow < deadline)
            {
                Runtime.Log.WaitingForKafka(logger, config.BootstrapServers, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (Confluent.Kafka.KafkaException ex)
            {
                throw new TopologyException($"Kafka at {config.BootstrapServers} was not reachable within {config.StartupTimeout.TotalSeconds:F0} s: {ex.Message}", ex);
            }
        }
    }

    private static async Task WaitUntilVisibleAsync(ITopicAdmin admin, StreamsConfig config, IReadOnlyList<TopicSpec> created, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + config.StartupTimeout;
        while (true)
        {
            var counts = admin.GetPartitionCounts(created.Select(t => t.Name), TimeSpan.FromSeconds(5));
            if (created.All(t => counts.ContainsKey(t.Name)))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TopologyException("Internal topics were created but did not become visible: " + string.Join(", ", created.Where(t => !counts.ContainsKey(t.Name)).Select(t => t.Name)));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private static Dictionary<string, string> TopicConfig(InternalTopic topic)
    {
        if (topic.Kind == InternalTopicKind.Repartition)
        {
            return new() { ["cleanup.policy"] = "delete", ["retention.ms"] = RepartitionRetentionMs.ToString(CultureInfo.InvariantCulture) };
        }

        if (topic.Store is WindowStoreBuilderBase window)
        {
            // Windows older than the retention are dropped by the store; their changelog entries may go a day later.
            return new()
            {
                ["cleanup.policy"] = "compact,delete",
                ["retention.ms"] = (window.RetentionMs + OneDayMs).ToString(CultureInfo.InvariantCulture),
            };
        }

        return new() { ["cleanup.policy"] = "compact" };
    }
}
