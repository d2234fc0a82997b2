namespace Aggregator.Kafka;

/// <summary>
/// A topic only the embedded broker has: a worker given just its address (say, <c>aggregator broker</c> in another
/// process) recognises librdkafka's mock cluster by it and runs at-least-once, because the mock drops transactional
/// offset commits and writes no transaction markers — exactly-once there would silently reprocess after every restart.
/// </summary>
internal static class EmbeddedBrokerMarker
{
    public const string Topic = "__aggregator-embedded-broker";
}
