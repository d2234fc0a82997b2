using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>What the figures were measured on: they mean little without it.</summary>
internal static class MachineFacts
{
    public static string LoadAverage()
    {
        var text = TryRead("/proc/loadavg");
        return text is null ? "unknown" : string.Join(' ', text.Split(' ').Take(3));
    }

    public static string CpuModel() =>
        TryRead("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    public static string TotalMemory()
    {
        var line = TryRead("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kib == 0 ? "unknown" : $"{kib / 1024.0 / 1024.0:F1} GiB";
    }

    public static string Commit()
    {
        var head = Git("rev-parse --short HEAD");
        var dirty = Git("status --porcelain --untracked-files=no");
        return head is null ? "unknown" : dirty is { Length: > 0 } ? head + " (with uncommitted changes)" : head;
    }

    public static string Runtime() =>
        $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, Streamiz.Kafka.Net {AssemblyVersion(typeof(Streamiz.Kafka.Net.KafkaStream))}, " +
        $"librdkafka {Confluent.Kafka.Library.VersionString} (bundled: {Path.GetFileName(Aggregator.Kafka.BundledLibrdkafka.LoadedFrom)})";

    private static string AssemblyVersion(Type type) =>
        type.Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? type.Assembly.GetName().Version?.ToString() ?? "?";

    private static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
