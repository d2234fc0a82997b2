namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// One worker run of the steady-rate latency suite. Latencies (ms) are over the measured part (after the warm-up);
/// <see cref="DrainSeconds"/> is NaN when not every expected eventId arrived. <see cref="RawDropped"/>: raw records the
/// embedded broker dropped (it keeps ~5 MB per partition) — harmless once read, lost to a worker that fell that far behind.
/// </summary>
internal sealed record SteadyRateRun(
    double ReadySeconds,
    double P50,
    double P90,
    double P99,
    double Max,
    int Measured,
    int Missing,
    double ProduceRate,
    int Expected,
    int Arrived,
    double DrainSeconds,
    double CpuMicrosecondsPerEvent,
    double PeakRssMiB,
    double EarlyP50,
    double LateP50,
    long Copies,
    long RawDropped)
{
    /// <summary>
    /// How much the median latency may grow from the first to the last tenth of the measured part for the worker to
    /// have kept up with the rate: a worker that falls behind builds a backlog, and every later event waits longer;
    /// one that keeps up has the same latency throughout, give or take a shared machine's stalls.
    /// </summary>
    public static readonly TimeSpan KeptUpGrowth = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A median latency above this at the end of the run is a backlog carried along (e.g. from the warm-up), not the
    /// path's own delay: raw → refined is two worker fetches, each waiting at most 500 ms (librdkafka's default) on the
    /// embedded broker, plus processing.
    /// </summary>
    public static readonly TimeSpan BacklogMedian = TimeSpan.FromSeconds(2);

    /// <summary>Share of the measured events, at its start and at its end, whose medians are compared.</summary>
    public const double TrendShare = 0.1;

    /// <summary>Every expected eventId reached activity.refined before the bench stopped waiting.</summary>
    public bool AllArrived => Arrived == Expected;

    /// <summary>
    /// The worker kept up with the rate: every expected eventId arrived, the latency did not grow by more than
    /// <see cref="KeptUpGrowth"/>, and the last tenth's median is not a backlog (<see cref="BacklogMedian"/>).
    /// </summary>
    public bool KeptUp => AllArrived && LateP50 - EarlyP50 <= KeptUpGrowth.TotalMilliseconds && LateP50 <= BacklogMedian.TotalMilliseconds;
}
