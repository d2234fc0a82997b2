using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Options;

/// <summary>How to reach Kafka. Bound from <c>Kafka</c>. Empty <see cref="BootstrapServers"/> = embedded broker (demo).</summary>
internal sealed class KafkaOptions : IValidatableObject
{
    public const string SectionName = "Kafka";

    private static readonly string[] Protocols = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"];
    private static readonly string[] Mechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"];

    /// <summary>host:port[,host:port...]; empty starts an embedded broker with demo traffic.</summary>
    public string BootstrapServers { get; set; } = string.Empty;

    public string SecurityProtocol { get; set; } = "PLAINTEXT";

    public string? SaslMechanism { get; set; }

    public string? SaslUsername { get; set; }

    /// <summary>A secret: never logged or shown in errors. Prefer <see cref="SaslPasswordFile"/>.</summary>
    public string? SaslPassword { get; set; }

    /// <summary>File holding the SASL password (e.g. a mounted secret); read at start-up.</summary>
    public string? SaslPasswordFile { get; set; }

    /// <summary>CA certificate (PEM) to verify the brokers, for SSL and SASL_SSL.</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>
    /// librdkafka settings this application chooses differently from librdkafka's defaults; <see cref="Client"/>
    /// overrides them. Reconnects back off to at most 1 s (librdkafka: 10 s), so the worker resumes within seconds
    /// of a broker coming back instead of sleeping through it; a handful of instances reconnecting once a second
    /// is no load for a cluster.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ClientDefaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reconnect.backoff.max.ms"] = "1000",
    };

    /// <summary>Any other librdkafka setting for every client (e.g. "socket.keepalive.enable").</summary>
    public Dictionary<string, string> Client { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long to wait for the brokers at start-up before failing.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsEmbedded => string.IsNullOrWhiteSpace(BootstrapServers);

    public bool UsesSasl => SecurityProtocol.StartsWith("SASL", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Protocols.Contains(SecurityProtocol, StringComparer.OrdinalIgnoreCase))
        {
            yield return new($"Kafka:SecurityProtocol must be one of {string.Join(", ", Protocols)}.", [nameof(SecurityProtocol)]);
        }

        if (UsesSasl)
        {
            if (SaslMechanism is null || !Mechanisms.Contains(SaslMechanism, StringComparer.OrdinalIgnoreCase))
            {
                yield return new($"Kafka:SaslMechanism must be one of {string.Join(", ", Mechanisms)} when SecurityProtocol is {SecurityProtocol}.", [nameof(SaslMechanism)]);
            }

            if (string.IsNullOrWhiteSpace(SaslUsername))
            {
                yield return new("Kafka:SaslUsername is required for SASL.", [nameof(SaslUsername)]);
            }

            if (string.IsNullOrEmpty(SaslPassword) && string.IsNullOrWhiteSpace(SaslPasswordFile))
            {
                yield return new("Kafka:SaslPassword or Kafka:SaslPasswordFile is required for SASL.", [nameof(SaslPassword)]);
            }
            else if (!string.IsNullOrWhiteSpace(SaslPasswordFile) && !File.Exists(SaslPasswordFile))
            {
                yield return new($"Kafka:SaslPasswordFile {SaslPasswordFile} does not exist.", [nameof(SaslPasswordFile)]);
            }
        }

        if (SslCaLocation is not null && !File.Exists(SslCaLocation))
        {
            yield return new($"Kafka:SslCaLocation {SslCaLocation} does not exist.", [nameof(SslCaLocation)]);
        }

        if (!IsEmbedded && BootstrapServers.Split(',').Any(server => !server.Trim().Contains(':', StringComparison.Ordinal)))
        {
            yield return new("Kafka:BootstrapServers must be host:port[,host:port...].", [nameof(BootstrapServers)]);
        }
    }

    /// <summary>
    /// <see cref="ClientSettings()"/> plus the bootstrap servers and a client id: everything a client of the app's own
    /// (outside the streams runtime) needs to reach the cluster. Contains the password, so never log it.
    /// </summary>
    public Dictionary<string, string> ClientSettings(string clientId)
    {
        var settings = ClientSettings();
        settings["bootstrap.servers"] = BootstrapServers;
        settings["client.id"] = clientId;
        return settings;
    }

    /// <summary>The librdkafka settings for security and extras; contains the password, so never log it.</summary>
    public Dictionary<string, string> ClientSettings()
    {
        var settings = new Dictionary<string, string>(ClientDefaults, StringComparer.Ordinal);
        foreach (var (name, value) in Client)
        {
            settings[name] = value;
        }

        settings["security.protocol"] = SecurityProtocol.ToLowerInvariant();
        // Tolerates incomplete settings (it may run before validation reports them).
        if (UsesSasl)
        {
            settings["sasl.mechanism"] = SaslMechanism?.ToUpperInvariant() ?? string.Empty;
            settings["sasl.username"] = SaslUsername ?? string.Empty;
            settings["sasl.password"] = string.IsNullOrWhiteSpace(SaslPasswordFile) ? SaslPassword ?? string.Empty
                : File.Exists(SaslPasswordFile) ? File.ReadAllText(SaslPasswordFile).Trim()
                : throw new OptionsValidationException(SectionName, typeof(KafkaOptions), [$"Kafka:SaslPasswordFile {SaslPasswordFile} does not exist."]);
        }

        if (SslCaLocation is not null)
        {
            settings["ssl.ca.location"] = SslCaLocation;
        }

        return settings;
    }

    public override string ToString() => $"{(IsEmbedded ? "embedded broker" : BootstrapServers)} ({SecurityProtocol}{(UsesSasl ? "/" + SaslMechanism : string.Empty)})";
}

[OptionsValidator]
internal sealed partial class KafkaOptionsValidator : IValidateOptions<KafkaOptions>;
