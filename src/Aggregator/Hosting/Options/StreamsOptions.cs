using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Options;

/// <summary>The stream-processing settings, mapped onto Streamiz's StreamConfig. Bound from <c>Streams</c>.</summary>
internal sealed class StreamsOptions
{
    public const string SectionName = "Streams";

    /// <summary>Consumer group and internal-topic prefix; instances with the same id share the work.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "Streams:ApplicationId may contain only letters, digits, '.', '_' and '-'.")]
    public string ApplicationId { get; set; } = "aggregator";

    /// <summary>Unique per instance on a host (state directory, client ids); default: the host name.</summary>
    public string? InstanceId { get; set; }

    [Required]
    public string StateDirectory { get; set; } = "state";

    [Range(1, 16)]
    public int Threads { get; set; } = 1;

    /// <summary>
    /// <c>exactly_once</c> (Kafka transactions; the default) or <c>at_least_once</c>. On the embedded broker, whose
    /// transactions are not real, the worker always runs at-least-once and says so.
    /// </summary>
    [Required]
    [RegularExpression("^(exactly_once|at_least_once)$", ErrorMessage = "Streams:ProcessingGuarantee must be exactly_once or at_least_once.")]
    public string ProcessingGuarantee { get; set; } = ExactlyOnce;

    public const string ExactlyOnce = "exactly_once";
    public const string AtLeastOnce = "at_least_once";

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Record cache per store before a flush downstream (Streamiz budgets in bytes: entries × 256 bytes).</summary>
    [Range(1_000, 10_000_000)]
    public int CacheMaxEntriesPerStore { get; set; } = 50_000;

    /// <summary>Kept so existing configuration still loads: progress now travels as markers (Topology/ProgressMarkers).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan InputIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Changelog records read per restore poll: Streamiz's default (1,000) restores ~8k records/s, 10,000 ~40k/s; at
    /// 100,000 a restore poll is cut by <see cref="PollTimeout"/> instead, and restores ran faster still (bench/RESULTS.md,
    /// "Cold restore of 1M window entries", where the lever poll10k is the previous default) for ~40 MiB more peak RSS.
    /// </summary>
    [Range(100, 1_000_000)]
    public long MaxPollRestoringRecords { get; set; } = 100_000;

    /// <summary>
    /// Records a stream thread takes from its consumer per poll before processing them (Streamiz's default, 500).
    /// Larger polls mean fewer loop turns per record; the poll still returns early when fewer are waiting.
    /// </summary>
    [Range(1, 1_000_000)]
    public long MaxPollRecords { get; set; } = 500;

    /// <summary>
    /// How long one poll of a stream thread collects records before they are processed, and one restore poll collects
    /// changelog records (Streamiz's <c>PollMs</c>, default 100 ms). Streamiz keeps polling until this time is up or
    /// <see cref="MaxPollRecords"/> are in, so at a low rate it is also latency added per hop; longer restore polls
    /// restore faster (bench/RESULTS.md, restore levers).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 65_536)]
    public long RocksDbBlockCacheMiB { get; set; } = 64;

    [Range(1, 65_536)]
    public long RocksDbWriteBufferMiB { get; set; } = 16;

    [Range(1, 65_536)]
    public long RocksDbTotalWriteBufferMiB { get; set; } = 64;

    /// <summary>Replication factor of internal topics on real clusters (-1: the broker default).</summary>
    [Range(-1, 10)]
    public short ReplicationFactor { get; set; } = -1;
}

[OptionsValidator]
internal sealed partial class StreamsOptionsValidator : IValidateOptions<StreamsOptions>;
