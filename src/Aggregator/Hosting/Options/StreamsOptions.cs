using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Options;

/// <summary>The stream-processing runtime's settings. Bound from <c>Streams</c>.</summary>
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

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1_000, 10_000_000)]
    public int CacheMaxEntriesPerStore { get; set; } = 50_000;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan InputIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

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
