namespace Aggregator.Kafka;

/// <summary>The cluster does not fit the configuration (unreachable, topics missing or mis-sized): exit 2 with this one line.</summary>
internal sealed class KafkaEnvironmentException(string message, Exception? inner = null) : Exception(message, inner)
{
    public KafkaEnvironmentException()
        : this("the Kafka cluster does not fit the configuration")
    {
    }

    public KafkaEnvironmentException(string message)
        : this(message, null)
    {
    }
}
