namespace Aggregator.RocksDb.Tests.TestSupport;

/// <summary>What the kernel says this process holds: resident memory and open file descriptors.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS from /proc/self/status, in bytes, after a full GC so managed garbage does not count.</summary>
    public static long ResidentBytesAfterGc()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
        return kilobytes * 1024;
    }

    public static int OpenFileDescriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length;
}
