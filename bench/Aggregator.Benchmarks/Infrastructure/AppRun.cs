using System.Globalization;
using Aggregator.Cli;
using Microsoft.Extensions.Configuration;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// One throwaway application on the embedded broker: its settings (fresh application id and topic names) and every topic
/// `aggregator run` needs with them — the app's and Streamiz's internal repartition and changelog topics — created up
/// front, because the embedded broker cannot create topics over the protocol.
/// </summary>
internal sealed class AppRun
{
    private AppRun(Dictionary<string, string?> settings, IReadOnlyDictionary<string, int> topics, int expectedTasks)
    {
        Settings = settings;
        Topics = topics;
        ExpectedTasks = expectedTasks;
    }

    public Dictionary<string, string?> Settings { get; }

    /// <summary>Every topic of the application with its partition count.</summary>
    public IReadOnlyDictionary<string, int> Topics { get; }

    /// <summary>Tasks the instance runs once it has the whole assignment: one per partition of each sub-topology's widest source.</summary>
    public int ExpectedTasks { get; }

    public string ApplicationId => Settings["Streams:ApplicationId"]!;

    public string Raw => Settings["Topics:Raw"]!;

    public string Refined => Settings["Topics:Refined"]!;

    public string Counts => Settings["Topics:Counts"]!;

    public string OptOuts => Settings["Topics:OptOuts"]!;

    public static AppRun Create(BenchBroker broker, string name, int partitions, string stateDirectory)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Streams:ApplicationId"] = name,
            ["Streams:InstanceId"] = "w",
            ["Streams:StateDirectory"] = stateDirectory,
            ["Topics:Raw"] = name + ".raw",
            ["Topics:Refined"] = name + ".refined",
            ["Topics:Dlq"] = name + ".dlq",
            ["Topics:Counts"] = name + ".counts",
            ["Topics:OptOuts"] = name + ".optouts",
            ["Topics:Erasures"] = name + ".erasures",
            ["Topics:Partitions"] = partitions.ToString(CultureInfo.InvariantCulture),
        };
        var configured = ConfiguredTopology.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var topics = configured.AllTopics();
        foreach (var (topic, count) in topics)
        {
            broker.Cluster.CreateTopic(topic, count);
        }

        var tasks = configured.Topology.Describe().SubTopologies.Sum(sub => sub.Nodes
            .OfType<Streamiz.Kafka.Net.Stream.ISourceNodeDescription>()
            .SelectMany(source => source.Topics)
            .Max(topic => topics.TryGetValue(topic, out var external) ? external : topics[$"{name}-{topic}"]));
        return new AppRun(settings, topics, tasks);
    }

    /// <summary>The same application with another (empty) state directory: a cold start that restores from the changelogs.</summary>
    public Dictionary<string, string?> WithStateDirectory(string stateDirectory) =>
        new(Settings, StringComparer.Ordinal) { ["Streams:StateDirectory"] = stateDirectory };
}
