using Aggregator.Streams.Topology;
using Microsoft.Extensions.Options;

namespace Aggregator.Cli;

/// <summary>
/// Turns start-up exceptions that mean "the configuration or environment is wrong" into one clear line and exit
/// code 2 — no stack trace for an operator to wade through. Anything else is a bug and keeps its trace.
/// </summary>
internal static class StartupFailure
{
    public static bool TryDescribe(Exception exception, out string line)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                line = "invalid configuration: " + string.Join("; ", validation.Failures.Select(Clean).Distinct());
                return true;
            case TopologyException topology:
                line = topology.Message;
                return true;
            case ConfigurationException configuration:
                line = "invalid configuration: " + configuration.Message;
                return true;
            case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                return TryDescribe(aggregate.InnerExceptions[0], out line);
            case InvalidOperationException { InnerException: { } inner }:
                return TryDescribe(inner, out line);
            default:
                line = string.Empty;
                return false;
        }
    }

    // Options validators prefix messages with the type name ("DataAnnotation validation failed for 'X' members: ..."):
    // keep what an operator needs.
    private static string Clean(string failure)
    {
        const string Marker = "with the error: ";
        var index = failure.IndexOf(Marker, StringComparison.Ordinal);
        return (index >= 0 ? failure[(index + Marker.Length)..] : failure).Trim().TrimEnd('.').Replace("'", string.Empty, StringComparison.Ordinal);
    }
}

/// <summary>A configuration problem found outside options validation (e.g. unknown keys).</summary>
internal sealed class ConfigurationException(string message) : Exception(message)
{
    public ConfigurationException()
        : this("invalid configuration")
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : this(message + ": " + innerException.Message)
    {
    }
}
