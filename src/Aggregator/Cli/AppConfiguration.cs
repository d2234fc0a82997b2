using Microsoft.Extensions.Configuration;

namespace Aggregator.Cli;

/// <summary>
/// Builds the configuration every command uses, lowest precedence first: built-in defaults for the mode
/// (e.g. the demo preset), <c>appsettings.json</c> (next to the executable, then the working directory),
/// environment variables prefixed <c>AGGREGATOR_</c> (<c>__</c> separates sections), and
/// <c>--Section:Key=value</c> arguments.
/// </summary>
internal static class AppConfiguration
{
    public const string EnvironmentPrefix = "AGGREGATOR_";

    public static IConfigurationRoot Build(IReadOnlyList<string> overrides, IReadOnlyDictionary<string, string?>? defaults = null, IReadOnlyDictionary<string, string?>? forced = null)
    {
        var builder = new ConfigurationBuilder();
        if (defaults is not null)
        {
            builder.AddInMemoryCollection(defaults);
        }

        builder
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(overrides.ToArray());
        if (forced is not null)
        {
            builder.AddInMemoryCollection(forced);
        }

        return builder.Build();
    }

    /// <summary>Arguments of the form --Section:Key=value (anything else is a usage error reported by the caller).</summary>
    public static bool IsOverride(string token) => token.StartsWith("--", StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal);
}
