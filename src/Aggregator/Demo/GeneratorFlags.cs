namespace Aggregator.Demo;

/// <summary>One command-line flag of <c>aggregator generate</c> and the configuration key it sets.</summary>
internal sealed record GeneratorFlag(string Name, string ConfigurationKey, string Description);

/// <summary>
/// The flags the CLI exposes for the generator. The CLI turns the flags it received into configuration
/// entries (<see cref="GeneratorFlag.ConfigurationKey"/> = raw text) layered over appsettings, and
/// <see cref="GeneratorConfiguration"/> parses and checks them: one parser for both sources, and flags
/// override the file.
/// </summary>
internal static class GeneratorFlags
{
    private const string Prefix = GeneratorOptions.SectionName + ":";

    public static IReadOnlyList<GeneratorFlag> All { get; } =
    [
        new("--bootstrap-servers", Prefix + nameof(GeneratorOptions.BootstrapServers), "Kafka bootstrap servers (host:port,...)."),
        new("--topic", Prefix + nameof(GeneratorOptions.Topic), "Topic for raw events (default activity.raw)."),
        new("--rate", Prefix + nameof(GeneratorOptions.Rate), "Events per second, 0 = unlimited (default 1000)."),
        new("--duration", Prefix + nameof(GeneratorOptions.Duration), "Stop after this long (30s, 5m, 1h); exclusive with --count."),
        new("--count", Prefix + nameof(GeneratorOptions.Count), "Stop after this many events; exclusive with --duration."),
        new("--users", Prefix + nameof(GeneratorOptions.Users), "Size of the user population (default 5000)."),
        new("--seed", Prefix + nameof(GeneratorOptions.Seed), "Random seed for a repeatable stream (default: random, logged)."),
        new("--speed", Prefix + nameof(GeneratorOptions.Speed), "Event time runs this many times faster than real time until it reaches now (default 1)."),
        new("--malformed-ratio", Prefix + nameof(GeneratorOptions.MalformedRatio), "Fraction of invalid records (default 0.005)."),
        new("--duplicate-ratio", Prefix + nameof(GeneratorOptions.DuplicateRatio), "Fraction of byte-identical resends (default 0.01)."),
        new("--anomaly-at", Prefix + nameof(GeneratorOptions.AnomalyAt), "Event-time offset of a /checkout error burst (e.g. 10m); unset = none."),
        new("--anomaly-for", Prefix + nameof(GeneratorOptions.AnomalyFor), "Event-time length of the burst (default 5m)."),
        new("--format", Prefix + nameof(GeneratorOptions.Format), "json (default) or avro: Confluent-framed Avro raw events (raw-value.avsc)."),
        new("--schema-registry-url", Prefix + nameof(GeneratorOptions.SchemaRegistryUrl), "Schema Registry for --format avro (default: the in-memory test double)."),
        new("--anomaly-multiplier", Prefix + nameof(GeneratorOptions.AnomalyMultiplier), "Burst rate of /checkout errors relative to normal (default 50)."),
    ];
}
