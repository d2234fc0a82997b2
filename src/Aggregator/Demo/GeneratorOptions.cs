using System.ComponentModel.DataAnnotations;

namespace Aggregator.Demo;

/// <summary>
/// What the synthetic traffic generator produces and how fast. Bound from the <c>Generator</c> configuration
/// section by <see cref="GeneratorConfiguration"/> (which also understands <c>30s</c>-style durations) and
/// from the <c>aggregator generate</c> flags listed in <see cref="GeneratorFlags"/>.
/// </summary>
/// <remarks>
/// The source-generated validator's <c>[Range]</c> ignores <c>ErrorMessage</c> (its message is always "The field
/// GeneratorOptions.X must be between A and B."), so ranges carry no custom text; the key name is in the message.
/// </remarks>
internal sealed class GeneratorOptions : IValidatableObject
{
    public const string SectionName = "Generator";

    /// <summary>Kafka bootstrap servers (<c>host:port,...</c>).</summary>
    [Required(ErrorMessage = "Generator:BootstrapServers (--bootstrap-servers) is required.")]
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>
    /// Security and other librdkafka settings shared with the worker (from the <c>Kafka</c> section, applied by the
    /// host, never bound from <c>Generator</c>). Holds secrets: never logged.
    /// </summary>
    internal IReadOnlyDictionary<string, string> KafkaClientSettings { get; set; } = new Dictionary<string, string>();

    /// <summary>Topic the raw activity events go to.</summary>
    [Required(ErrorMessage = "Generator:Topic (--topic) must not be empty.")]
    public string Topic { get; set; } = "activity.raw";

    /// <summary>Topic the opt-out records go to (key = userId, value <c>{"optedOut":true}</c>).</summary>
    [Required(ErrorMessage = "Generator:OptOutTopic must not be empty.")]
    public string OptOutTopic { get; set; } = "privacy.optouts";

    /// <summary>Records per second of wall-clock time; 0 means as fast as the producer goes.</summary>
    [Range(0, 10_000_000)]
    public double Rate { get; set; } = 1000;

    /// <summary>Stop after this much wall-clock time. Exclusive with <see cref="Count"/>; neither = until cancelled.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Stop after this many records. Exclusive with <see cref="Duration"/>.</summary>
    [Range(1, long.MaxValue)]
    public long? Count { get; set; }

    /// <summary>Size of the user population (logged-in users and anonymous visitors).</summary>
    [Range(1, UserPopulation.MaxUsers)]
    public int Users { get; set; } = 5000;

    /// <summary>Random seed; null picks one (and logs it, so a run can be repeated).</summary>
    public int? Seed { get; set; }

    /// <summary>Event time runs this many times faster than wall-clock time until it reaches now.</summary>
    [Range(1.0, 10_000.0)]
    public double Speed { get; set; } = 1;

    /// <summary>
    /// How far in the past event time starts. Null: 30 minutes when <see cref="Speed"/> &gt; 1 (so a fast
    /// replay has history to catch up on), otherwise zero (event time = now).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan? ReplayLookback { get; set; }

    /// <summary>Fraction of records that break the event contract.</summary>
    [Range(0.0, 1.0)]
    public double MalformedRatio { get; set; } = 0.005;

    /// <summary>Fraction of records that resend an earlier event byte for byte (at-least-once collector).</summary>
    [Range(0.0, 1.0)]
    public double DuplicateRatio { get; set; } = 0.01;

    /// <summary>Event-time offset from the replay start at which the /checkout error burst begins; null = no anomaly.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan? AnomalyAt { get; set; }

    /// <summary>Event-time length of the burst.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan AnomalyFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times the usual rate of /checkout errors the burst produces.</summary>
    [Range(1.0, 100_000.0)]
    public double AnomalyMultiplier { get; set; } = 50;

    /// <summary>User ids (<c>u-000042</c>) that have opted out; their events are generated like everyone's.</summary>
    public IList<string> OptedOutUsers { get; } = new List<string>();

    /// <summary>Whether the hosted generator publishes <see cref="OptedOutUsers"/> to <see cref="OptOutTopic"/> first.</summary>
    public bool PublishOptOuts { get; set; } = true;

    /// <summary>How often the progress line is logged.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound on the final flush; whatever is still queued then is counted as undelivered.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Producer <c>message.timeout.ms</c>: a record not acknowledged by then counts as a delivery error.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Producer <c>linger.ms</c>: how long librdkafka waits to fill a batch.</summary>
    [Range(0, 1000)]
    public int LingerMs { get; set; } = 15;

    /// <summary>Preferred <c>compression.type</c>; falls back to none when this librdkafka lacks it.</summary>
    [Required]
    [RegularExpression("^(none|gzip|snappy|lz4|zstd)$", ErrorMessage = "Generator:Compression must be one of none, gzip, snappy, lz4, zstd.")]
    public string Compression { get; set; } = "lz4";

    /// <summary>
    /// <c>json</c> (the collector's contract) or <c>avro</c>: each valid event as Confluent-framed Avro with
    /// <c>raw-value.avsc</c> (malformed records stay as they are: they cannot be Avro).
    /// </summary>
    [Required]
    [RegularExpression("^(json|avro)$", ErrorMessage = "Generator:Format (--format) must be json or avro.")]
    public string Format { get; set; } = "json";

    /// <summary>
    /// Schema Registry for <c>avro</c>; unset = the in-memory test double, whose content-addressed ids a worker with
    /// the in-memory registry resolves too (it registers the same raw schema).
    /// </summary>
    public string? SchemaRegistryUrl { get; set; }

    /// <summary>The lookback actually used (see <see cref="ReplayLookback"/>).</summary>
    public TimeSpan EffectiveReplayLookback => ReplayLookback ?? (Speed > 1 ? TimeSpan.FromMinutes(30) : TimeSpan.Zero);

    /// <summary>Cross-field rules the annotations cannot express; the generated validator calls this.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Duration is not null && Count is not null)
        {
            yield return new ValidationResult(
                "Generator:Duration (--duration) and Generator:Count (--count) are mutually exclusive; set one or neither (run until cancelled).",
                [nameof(Duration), nameof(Count)]);
        }

        if (Duration is { } duration && duration <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Generator:Duration (--duration) must be positive.", [nameof(Duration)]);
        }

        if (MalformedRatio + DuplicateRatio > 0.5)
        {
            yield return new ValidationResult(
                "Generator:MalformedRatio + Generator:DuplicateRatio must not exceed 0.5; the stream would be mostly noise.",
                [nameof(MalformedRatio), nameof(DuplicateRatio)]);
        }

        foreach (var user in OptedOutUsers)
        {
            if (string.IsNullOrWhiteSpace(user))
            {
                yield return new ValidationResult("Generator:OptedOutUsers must not contain empty ids.", [nameof(OptedOutUsers)]);
                break;
            }
        }
    }
}
