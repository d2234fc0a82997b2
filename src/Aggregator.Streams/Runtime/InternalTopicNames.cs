namespace Aggregator.Streams.Runtime;

/// <summary>Naming of internal topics, as in Kafka Streams: "&lt;applicationId&gt;-&lt;name&gt;".</summary>
public static class InternalTopicNames
{
    public static string Resolve(string applicationId, string name) => $"{applicationId}-{name}";

    public static string Repartition(string applicationId, string name) => Resolve(applicationId, name + "-repartition");

    public static string Changelog(string applicationId, string storeName) => Resolve(applicationId, storeName + "-changelog");
}
