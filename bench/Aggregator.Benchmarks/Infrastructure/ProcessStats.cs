using System.Globalization;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>CPU time and resident memory of a process from /proc (Linux), readable while it runs.</summary>
internal static class ProcessStats
{
    // USER_HZ: the unit of utime/stime in /proc/*/stat; 100 on every Linux this runs on.
    private const double TicksPerSecond = 100.0;

    /// <summary>User + system CPU seconds of the process so far (all its threads).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "(comm) ": state is field 0, utime field 11, stime field 12.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>Peak resident set size (VmHWM) in bytes.</summary>
    public static long PeakRss(int pid) => Read(pid, "VmHWM:");

    public static long CurrentRss(int pid) => Read(pid, "VmRSS:");

    private static long Read(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
