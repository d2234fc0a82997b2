using System.Diagnostics;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>Where a run's CPU time and allocations went: per thread group, per input event.</summary>
internal sealed class CostProfile
{
    private readonly Dictionary<int, (string Name, double Seconds)> _threadsBefore = ThreadCpu.Snapshot();
    private readonly long _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    private readonly TimeSpan _cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly int _gen0Before = GC.CollectionCount(0);
    private readonly int _gen2Before = GC.CollectionCount(2);

    public Dictionary<string, double> ThreadSeconds { get; private set; } = [];

    public double ProcessCpuSeconds { get; private set; }

    public long AllocatedBytes { get; private set; }

    public int Gen0Collections { get; private set; }

    public int Gen2Collections { get; private set; }

    public void Stop()
    {
        ThreadSeconds = ThreadCpu.Between(_threadsBefore, ThreadCpu.Snapshot());
        AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
        ProcessCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - _cpuBefore).TotalSeconds;
        Gen0Collections = GC.CollectionCount(0) - _gen0Before;
        Gen2Collections = GC.CollectionCount(2) - _gen2Before;
    }
}
