namespace Aggregator.Serialization;

/// <summary>The registry refused a schema or did not answer at start-up: exit 2 with this one line (never a secret in it).</summary>
internal sealed class SchemaRegistryStartupException(string message) : Exception(message)
{
    public SchemaRegistryStartupException()
        : this("the schema registry refused the worker's schemas")
    {
    }

    public SchemaRegistryStartupException(string message, Exception innerException)
        : this(message + ": " + innerException.Message)
    {
    }
}
