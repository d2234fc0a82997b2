using System.Globalization;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// One tuning lever measured beside the baseline in the same repeat (issue 15: each lever in isolation, side by side,
/// because this machine is shared and only ratios taken minutes apart mean anything): a name and the worker settings
/// it changes, given as <c>--lever name=Section:Key=value[;Section:Key=value…]</c>. A code change is measured the same way
/// with <c>worker=PATH</c>: another build of the worker's <c>aggregator.dll</c> (e.g. the commit before it, built elsewhere);
/// the runtime's own knobs with <c>env:NAME=value</c> (e.g. <c>env:DOTNET_GCgen0size=0x4000000</c>).
/// </summary>
internal sealed record Lever(
    string Name, IReadOnlyDictionary<string, string> Settings, string? Worker = null, IReadOnlyDictionary<string, string>? Environment = null, IReadOnlySet<string>? Suites = null)
{
    public static Lever Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || !text[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"--lever '{text}': expected name=Section:Key=value[;Section:Key=value…], the name letters, digits and '-' (it goes into topic names)");
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        string? worker = null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        HashSet<string>? suites = null;
        foreach (var assignment in text[(equals + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var split = assignment.IndexOf('=', StringComparison.Ordinal);
            if (assignment.StartsWith("worker=", StringComparison.Ordinal))
            {
                worker = Path.GetFullPath(assignment["worker=".Length..]);
                if (!File.Exists(worker))
                {
                    throw new ArgumentException($"--lever '{text}': no worker build at {worker}");
                }

                continue;
            }

            // A lever of one kind of run only (a restore setting does nothing for a burst): suites=steady,restore,latency.
            if (assignment.StartsWith("suites=", StringComparison.Ordinal))
            {
                suites = [.. assignment["suites=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                if (suites.Count == 0 || suites.Any(suite => !LeveredSuites.Contains(suite)))
                {
                    throw new ArgumentException($"--lever '{text}': suites= takes some of {string.Join(", ", LeveredSuites)}");
                }

                continue;
            }

            if (assignment.StartsWith("env:", StringComparison.Ordinal) && split > "env:".Length)
            {
                environment[assignment["env:".Length..split]] = assignment[(split + 1)..];
                continue;
            }

            if (split <= 0 || !assignment[..split].Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"--lever '{text}': '{assignment}' is not Section:Key=value");
            }

            settings[assignment[..split]] = assignment[(split + 1)..];
        }

        return settings.Count == 0 && worker is null && environment.Count == 0
            ? throw new ArgumentException($"--lever '{text}' changes nothing")
            : new Lever(text[..equals], settings, worker, environment, suites);
    }

    /// <summary>The suites that run levers beside their baseline.</summary>
    public static readonly IReadOnlyList<string> LeveredSuites = ["steady", "restore", "latency"];

    public bool AppliesTo(string suite) => Suites is null || Suites.Contains(suite);

    public string Describe() => string.Join("; ", Settings.Select(s => string.Create(CultureInfo.InvariantCulture, $"`{s.Key}={s.Value}`"))
        .Concat((Environment ?? new Dictionary<string, string>()).Select(e => $"environment `{e.Key}={e.Value}`"))
        .Concat(Worker is null ? [] : [$"worker build `{Worker}`"]));
}
