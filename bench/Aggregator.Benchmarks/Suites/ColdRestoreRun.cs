using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// One cold start of the large-restore suite: seconds from the process start, Streamiz's account of the restore, the
/// worker's CPU and memory (bytes) with the entries held, and how many sample windows /counts answered with the counts written.
/// </summary>
internal sealed record ColdRestoreRun(
    double ReadySeconds,
    double? FirstReadySeconds,
    RestoreAccount Account,
    double CpuSeconds,
    long PeakRss,
    long SettledRss,
    double RestoredMetric,
    (int Matched, int Expected, string? Mismatch) Check,
    (int? ExitCode, double Seconds) Stop)
{
    public const string Store = "activity-counts";

    /// <summary>The counts window store's records per second of its own restore (see <see cref="RestoreAccount.StoreSeconds"/>).</summary>
    public double Rate => Account.ByStore.GetValueOrDefault(Store) / Account.StoreSeconds(Store);

    /// <summary>Every store's records over the whole restore, first task restoring → last partition finished (section 2's measure).</summary>
    public double OverallRate => Account.Restored / Account.Seconds;
}
