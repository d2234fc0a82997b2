namespace Aggregator.Streams.Topology;

/// <summary>
/// Works out how many partitions (= tasks) each sub-topology has and how many each internal topic needs,
/// from the partition counts of the external source topics. Pure, so it can be tested and used by the
/// embedded broker and the admin client alike.
/// </summary>
public static class PartitionPlanner
{
    public static PartitionPlan Plan(Topology topology, string applicationId, IReadOnlyDictionary<string, int> externalPartitions)
    {
        var internalTopics = topology.InternalTopics(applicationId);
        var taskCounts = new Dictionary<int, int>();
        var repartitionCounts = new Dictionary<string, int>(StringComparer.Ordinal);

        // Sub-topologies are numbered so writers of repartition topics come before their readers, but a
        // fixed point keeps this correct whatever the order.
        var progress = true;
        while (progress && taskCounts.Count < topology.Subtopologies.Count)
        {
            progress = false;
            foreach (var subtopology in topology.Subtopologies.Where(s => !taskCounts.ContainsKey(s.Id)))
            {
                var counts = new List<(string Topic, int Partitions)>();
                var resolved = true;
                foreach (var (topic, isRepartition) in subtopology.SourceTopics)
                {
                    if (!isRepartition)
                    {
                        if (!externalPartitions.TryGetValue(topic, out var partitions))
                        {
                            throw new TopologyException($"Source topic '{topic}' does not exist (or has no partitions). Create it before starting.");
                        }

                        counts.Add((topic, partitions));
                        continue;
                    }

                    var spec = internalTopics.First(t => t.Kind == InternalTopicKind.Repartition && t.Name == Runtime.InternalTopicNames.Resolve(applicationId, topic));
                    if (spec.ExplicitPartitions is { } explicitCount)
                    {
                        counts.Add((spec.Name, explicitCount));
                    }
                    else if (taskCounts.TryGetValue(spec.WriterSubtopology, out var writerCount))
                    {
                        counts.Add((spec.Name, writerCount));
                    }
                    else
                    {
                        resolved = false;
                        break;
                    }
                }

                if (!resolved)
                {
                    continue;
                }

                if (counts.Select(c => c.Partitions).Distinct().Count() > 1)
                {
                    throw new TopologyException(
                        $"Sub-topology {subtopology.Id} joins topics that are not co-partitioned: " +
                        string.Join(", ", counts.Select(c => $"{c.Topic} ({c.Partitions})")) +
                        ". Records with the same key must be in the same partition number: give them equal partition counts.");
                }

                taskCounts[subtopology.Id] = counts[0].Partitions;
                progress = true;
            }
        }

        if (taskCounts.Count < topology.Subtopologies.Count)
        {
            throw new TopologyException("Could not size the repartition topics: the topology has a cycle through repartition topics.");
        }

        foreach (var topic in internalTopics)
        {
            repartitionCounts[topic.Name] = topic.ExplicitPartitions ?? taskCounts[topic.WriterSubtopology];
        }

        return new PartitionPlan(taskCounts, repartitionCounts);
    }
}

/// <summary>Tasks per sub-topology and partitions per internal topic (resolved names).</summary>
public sealed record PartitionPlan(IReadOnlyDictionary<int, int> TasksPerSubtopology, IReadOnlyDictionary<string, int> InternalTopicPartitions);
