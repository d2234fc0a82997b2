using System.Diagnostics;
using System.Globalization;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// The <c>dotnet-trace</c> .NET tool (served as a NuGet tool: <c>dotnet tool install -g dotnet-trace --version 10.0.750501</c>):
/// a sampled thread-time trace of a process, converted to speedscope's format for <see cref="SpeedscopeProfile"/>.
/// </summary>
internal static class DotnetTrace
{
    public const string InstallHint = "dotnet tool install -g dotnet-trace --version 10.0.750501";

    /// <summary>The tool's path: on PATH, or where <c>dotnet tool install -g</c> puts it; null when it is not installed.</summary>
    public static string? Locate()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        return candidates.Select(directory => Path.Combine(directory, "dotnet-trace")).FirstOrDefault(File.Exists);
    }

    /// <summary>Traces <paramref name="pid"/> for <paramref name="duration"/>; returns the speedscope file.</summary>
    public static async Task<string> CollectAsync(string tool, int pid, TimeSpan duration, string directory)
    {
        var trace = Path.Combine(directory, "worker.nettrace");
        var span = string.Create(CultureInfo.InvariantCulture, $"{duration.Days:00}:{duration.Hours:00}:{duration.Minutes:00}:{duration.Seconds:00}");
        await RunAsync(tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time", "--duration", span, "-o", trace],
            duration + TimeSpan.FromMinutes(1));
        var speedscope = Path.Combine(directory, "worker.speedscope.json");
        await RunAsync(tool, ["convert", trace, "--format", "speedscope", "-o", speedscope], TimeSpan.FromMinutes(3));
        return File.Exists(speedscope)
            ? speedscope
            : Directory.EnumerateFiles(directory, "*.speedscope.json").FirstOrDefault() ?? throw new FileNotFoundException("dotnet-trace convert wrote no speedscope file", speedscope);
    }

    private static async Task RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-trace {arguments[0]} exited {process.ExitCode}: {await error}{await output}");
        }
    }
}
