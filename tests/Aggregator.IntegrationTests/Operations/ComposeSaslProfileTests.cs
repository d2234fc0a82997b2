namespace Aggregator.IntegrationTests.Operations;

/// <summary>Profile "sasl": SCRAM-SHA-512 on every authenticated hop, credentials only through secret files.</summary>
public sealed class ComposeSaslProfileTests
{
    private const string Mechanism = "SCRAM-SHA-512";

    private readonly ComposeFile _compose = ComposeFile.Load();

    private IEnumerable<ComposeService> SaslServices => _compose.Services.Values.Where(s => s.Profiles.Contains("sasl"));

    private IReadOnlyList<ComposeService> SaslBrokers =>
        _compose.KafkaClusters().Values.Single(c => c.All(b => b.Profiles.Contains("sasl")));

    [Fact]
    public void SaslBrokers_AuthenticateClientsAndEachOther_WithScramSha512()
    {
        Assert.Equal(3, SaslBrokers.Count);
        foreach (var broker in SaslBrokers)
        {
            var protocols = KafkaListeners.ProtocolMap(broker.Env("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"));
            Assert.Equal(Mechanism, broker.Env("KAFKA_SASL_ENABLED_MECHANISMS"));
            Assert.Equal(Mechanism, broker.Env("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL"));
            Assert.Equal("SASL_PLAINTEXT", protocols["INTERNAL"]);
            Assert.Equal("SASL_PLAINTEXT", protocols["EXTERNAL"]);
            Assert.Equal(["bash", "/opt/aggregator/sasl-broker.sh"], broker.Command);
            Assert.Contains(broker.Volumes, v => v.Source == "./deploy/kafka/sasl-broker.sh" && v.Target == "/opt/aggregator/sasl-broker.sh");
        }
    }

    [Theory]
    [InlineData("worker-sasl")]
    [InlineData("generator-sasl")]
    public void AppServices_ConnectWithScramSha512_AsTheClientUserTheBrokersCreate(string name)
    {
        var service = _compose.Service(name);
        var broker = SaslBrokers[0];

        Assert.Equal("SASL_PLAINTEXT", service.Env("AGGREGATOR_Kafka__SecurityProtocol"));
        Assert.Equal(Mechanism, service.Env("AGGREGATOR_Kafka__SaslMechanism"));
        Assert.Equal(broker.Env("SCRAM_CLIENT_USER"), service.Env("AGGREGATOR_Kafka__SaslUsername"));
        // The password file is the same secret the brokers format the client user with.
        Assert.Equal(broker.Env("SCRAM_CLIENT_PASSWORD_FILE"), service.Env("AGGREGATOR_Kafka__SaslPasswordFile"));
        Assert.Contains(SecretName(service.Env("AGGREGATOR_Kafka__SaslPasswordFile")), service.Secrets);
    }

    [Theory]
    [InlineData("topic-init-sasl", "ADMIN_USER", "ADMIN_PASSWORD_FILE")]
    [InlineData("kafka-ui-sasl", "ADMIN_USER", "ADMIN_PASSWORD_FILE")]
    public void AdminTools_UseTheAdminUserTheBrokersCreate(string name, string userKey, string passwordFileKey)
    {
        var service = _compose.Service(name);
        var broker = SaslBrokers[0];

        Assert.Equal(broker.Env("SCRAM_ADMIN_USER"), service.Env(userKey));
        Assert.Equal(broker.Env("SCRAM_ADMIN_PASSWORD_FILE"), service.Env(passwordFileKey));
        Assert.Contains(SecretName(service.Env(passwordFileKey)), service.Secrets);
    }

    [Fact]
    public void KafkaUiSasl_UsesScramSha512()
    {
        var ui = _compose.Service("kafka-ui-sasl");

        Assert.Equal("SASL_PLAINTEXT", ui.Env("KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL"));
        Assert.Equal(Mechanism, ui.Env("KAFKA_CLUSTERS_0_PROPERTIES_SASL_MECHANISM"));
    }

    [Fact]
    public void SaslBrokers_ReadBothPasswords_FromMountedSecrets()
    {
        foreach (var broker in SaslBrokers)
        {
            Assert.Contains(SecretName(broker.Env("SCRAM_ADMIN_PASSWORD_FILE")), broker.Secrets);
            Assert.Contains(SecretName(broker.Env("SCRAM_CLIENT_PASSWORD_FILE")), broker.Secrets);
        }
    }

    [Fact]
    public void NoPassword_AppearsInTheComposeFile()
    {
        var secrets = _compose.SecretFiles.Values.Select(f => RepoPaths.ReadText(f!).Trim()).ToList();
        var text = RepoPaths.ReadText("docker-compose.yml");

        Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        foreach (var service in SaslServices)
        {
            Assert.DoesNotContain(service.Environment.Keys, k => k.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) && !k.EndsWith("FILE", StringComparison.OrdinalIgnoreCase));
        }
    }

    private static string SecretName(string path)
    {
        Assert.StartsWith("/run/secrets/", path);
        return path["/run/secrets/".Length..];
    }
}
