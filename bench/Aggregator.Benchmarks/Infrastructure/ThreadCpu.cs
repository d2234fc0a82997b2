using System.Globalization;
using System.Text.RegularExpressions;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// CPU time of a process's threads from /proc/PID/task/*/stat, grouped by thread name with digits removed
/// (so "rdk:broker1" and "rdk:broker2" add up). Resolution is the kernel's clock tick (10 ms): fine over
/// seconds-long runs.
/// </summary>
internal static partial class ThreadCpu
{
    private const double TicksPerSecond = 100.0;

    /// <summary>CPU seconds per thread id with the thread's name at the time of the snapshot.</summary>
    public static Dictionary<int, (string Name, double Seconds)> Snapshot(int pid)
    {
        var result = new Dictionary<int, (string, double)>();
        IEnumerable<string> threads;
        try
        {
            threads = Directory.EnumerateDirectories($"/proc/{pid}/task").ToList();
        }
        catch (IOException)
        {
            return result; // the process has gone
        }

        foreach (var dir in threads)
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                // After "(comm) ": state is field 0, utime field 11, stime field 12.
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                result[int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture)] = (name, ticks / TicksPerSecond);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The thread ended between listing and reading.
            }
        }

        return result;
    }

    /// <summary>CPU seconds spent between two snapshots, per thread group.</summary>
    public static Dictionary<string, double> Between(Dictionary<int, (string Name, double Seconds)> before, Dictionary<int, (string Name, double Seconds)> after)
    {
        var groups = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (tid, (name, seconds)) in after)
        {
            var spent = seconds - (before.TryGetValue(tid, out var b) ? b.Seconds : 0);
            var group = Group(name);
            groups[group] = groups.GetValueOrDefault(group) + spent;
        }

        return groups;
    }

    private static string Group(string name)
    {
        // .NET names threads after their first 15 characters: "<appId>-<instance>-StreamThread-0" is cut short.
        if (name.Contains("Global", StringComparison.Ordinal))
        {
            return "global-table thread";
        }

        if (name.Contains("-Str", StringComparison.Ordinal))
        {
            return "stream thread (topology + runtime)";
        }

        if (name.StartsWith(".NET Tiered", StringComparison.Ordinal))
        {
            return ".NET JIT (tiered compilation)";
        }

        if (name.StartsWith("rdk:mock", StringComparison.Ordinal))
        {
            return "embedded broker (rdk:mock)";
        }

        if (name.StartsWith("rdk:broker", StringComparison.Ordinal))
        {
            return "librdkafka client I/O threads (rdk:broker*)";
        }

        return Digits().Replace(name, "#");
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
