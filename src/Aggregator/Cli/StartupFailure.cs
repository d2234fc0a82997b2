using System.Text.RegularExpressions;
using Aggregator.Kafka;
using Microsoft.Extensions.Options;

namespace Aggregator.Cli;

/// <summary>
/// Turns start-up exceptions that mean "the configuration or environment is wrong" into one clear line and exit
/// code 2 — no stack trace for an operator to wade through. Anything else is a bug and keeps its trace.
/// </summary>
internal static partial class StartupFailure
{
    public static bool TryDescribe(Exception exception, out string line)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                line = "invalid configuration: " + string.Join("; ", validation.Failures.SelectMany(f => f.Split("; ")).Select(f => Qualify(Section(validation.OptionsType), f)).Distinct());
                return true;
            case KafkaEnvironmentException environment:
                line = environment.Message;
                return true;
            case Serialization.SchemaRegistryStartupException registry:
                line = registry.Message;
                return true;
            case ConfigurationException configuration:
                line = "invalid configuration: " + configuration.Message;
                return true;
            case InvalidOperationException unknown when UnknownKeys().Match(unknown.Message) is { Success: true } match:
                line = $"invalid configuration: unknown setting(s) {match.Groups["keys"].Value} in section {Section(match.Groups["type"].Value)} (check the spelling)";
                return true;
            case InvalidOperationException conversion when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                // The binder's message names the key and the value it could not read (secrets are strings: never converted).
                line = "invalid configuration: " + conversion.Message.TrimEnd('.');
                return true;
            case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                return TryDescribe(aggregate.InnerExceptions[0], out line);
            default:
                line = string.Empty;
                return false;
        }
    }

    // "KafkaOptions" → "Kafka"; also accepts a full type name.
    private static string Section(Type type) => Section(type.Name);

    private static string Section(string typeName)
    {
        var name = typeName[(typeName.LastIndexOf('.') + 1)..];
        return name.EndsWith("Options", StringComparison.Ordinal) ? name[..^"Options".Length] : name;
    }

    // Validators report "Member: message"; make the key a full configuration path unless the message already is one.
    private static string Qualify(string section, string failure)
    {
        failure = failure.Replace("DataAnnotation validation failed for '", string.Empty, StringComparison.Ordinal).Trim().TrimEnd('.');
        var colon = failure.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && !failure[..colon].Contains(' ', StringComparison.Ordinal))
        {
            var member = failure[..colon];
            var message = failure[(colon + 2)..];
            return message.Contains($"{section}:", StringComparison.Ordinal) ? message : $"{section}:{member}: {message}";
        }

        return failure;
    }

    [GeneratedRegex("properties were not found on the instance of (?<type>[\\w.]+): (?<keys>.+)$")]
    private static partial Regex UnknownKeys();
}

/// <summary>A configuration problem found outside options validation.</summary>
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
