using Aggregator.Kafka;

namespace Aggregator.Cli;

/// <summary>
/// <c>aggregator broker</c>: an embedded Kafka cluster (librdkafka's mock brokers, real protocol) for tests and
/// experiments. Prints the bootstrap address as the first line on stdout. Because the mock cannot create topics
/// over the protocol, it creates them itself: the application's topics — including the internal repartition and
/// changelog topics of the configured application id, with the partition counts the topology needs — plus any
/// given with --topic.
/// </summary>
internal static class BrokerCommand
{
    public static async Task<int> ExecuteAsync(int brokers, IReadOnlyList<string> topicSpecs, string? bootstrapFile, bool appTopics, IReadOnlyList<string> overrides)
    {
        var configuration = AppConfiguration.Build(overrides);
        var requested = new List<(string Name, int Partitions)>();
        foreach (var spec in topicSpecs)
        {
            var parts = spec.Split(':');
            if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], out var partitions) || partitions < 1)
            {
                await Console.Error.WriteLineAsync($"aggregator broker: --topic expects NAME:PARTITIONS, got '{spec}'.");
                return ExitCodes.BadConfiguration;
            }

            requested.Add((parts[0], partitions));
        }

        using var cluster = EmbeddedKafkaCluster.Start(brokers);
        var topics = appTopics ? ConfiguredTopology.From(configuration).AllTopics() : [];
        foreach (var (name, partitions) in requested)
        {
            topics[name] = partitions;
        }

        foreach (var (name, partitions) in topics)
        {
            cluster.CreateTopic(name, partitions);
        }

        // The address is published once the topics exist (file first, written atomically, then stdout), so either
        // doubles as a readiness signal for scripts.
        if (bootstrapFile is not null)
        {
            var temporary = bootstrapFile + ".tmp";
            await File.WriteAllTextAsync(temporary, cluster.BootstrapServers + Environment.NewLine);
            File.Move(temporary, bootstrapFile, overwrite: true);
        }

        await Console.Out.WriteLineAsync(cluster.BootstrapServers);
        await Console.Out.FlushAsync();

        await Console.Error.WriteLineAsync($"aggregator broker: {brokers} broker(s) at {cluster.BootstrapServers}; topics: " +
            string.Join(", ", topics.Select(t => $"{t.Key}:{t.Value}")) + ". Ctrl-C or SIGTERM stops it.");
        using var signal = new ShutdownSignal();
        try
        {
            await Task.Delay(Timeout.Infinite, signal.Token);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }

        return ExitCodes.Ok;
    }
}
