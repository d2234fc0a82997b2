namespace Aggregator.IntegrationTests.Operations;

internal sealed record KafkaEndpoint(string Listener, string Host, int Port)
{
    public string Address => $"{Host}:{Port}";
}

/// <summary>Reads Kafka's listener lists ("INTERNAL://kafka-1:19092,EXTERNAL://localhost:9092") and maps.</summary>
internal static class KafkaListeners
{
    public static IReadOnlyDictionary<string, KafkaEndpoint> Parse(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry =>
            {
                var scheme = entry.IndexOf("://", StringComparison.Ordinal);
                Assert.True(scheme > 0, $"'{entry}' is not NAME://host:port");
                var hostPort = entry[(scheme + 3)..];
                var colon = hostPort.LastIndexOf(':');
                return new KafkaEndpoint(entry[..scheme], hostPort[..colon], int.Parse(hostPort[(colon + 1)..]));
            })
            .ToDictionary(e => e.Listener, StringComparer.Ordinal);

    /// <summary>KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: listener name → security protocol.</summary>
    public static IReadOnlyDictionary<string, string> ProtocolMap(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split(':'))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, KafkaEndpoint> Listeners(ComposeService broker) => Parse(broker.Env("KAFKA_LISTENERS"));

    public static IReadOnlyDictionary<string, KafkaEndpoint> Advertised(ComposeService broker) => Parse(broker.Env("KAFKA_ADVERTISED_LISTENERS"));

    /// <summary>The addresses containers use: each broker's advertised inter-broker listener, in broker order.</summary>
    public static string InternalBootstrap(IEnumerable<ComposeService> brokers) =>
        string.Join(',', brokers.Select(b => Advertised(b)[b.Env("KAFKA_INTER_BROKER_LISTENER_NAME")].Address));
}
