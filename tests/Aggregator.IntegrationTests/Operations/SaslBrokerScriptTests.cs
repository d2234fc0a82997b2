namespace Aggregator.IntegrationTests.Operations;

/// <summary>
/// deploy/kafka/sasl-broker.sh with each SASL broker's compose environment and the example secrets, against
/// stand-ins for kafka-storage.sh and kafka-server-start.sh: the server.properties it writes and the format
/// command (the SCRAM users) are what a real broker would get.
/// </summary>
public sealed class SaslBrokerScriptTests : IDisposable
{
    private readonly string _dir = ShellRun.CreateTempDirectory("sasl-broker-");
    private readonly ComposeFile _compose = ComposeFile.Load();

    public SaslBrokerScriptTests()
    {
        const string Record = "#!/bin/bash\nprintf '%s' \"$(basename \"$0\")\" >>\"$FAKE_LOG\"; printf '\\t%s' \"$@\" >>\"$FAKE_LOG\"; echo >>\"$FAKE_LOG\"\n";
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        ShellRun.WriteExecutable(Path.Combine(_dir, "bin", "kafka-storage.sh"), Record);
        ShellRun.WriteExecutable(Path.Combine(_dir, "bin", "kafka-server-start.sh"), Record);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("kafka-sasl-1")]
    [InlineData("kafka-sasl-2")]
    [InlineData("kafka-sasl-3")]
    public async Task WritesTheBrokerConfiguration_FromTheComposeEnvironment(string service)
    {
        var broker = _compose.Service(service);
        var (result, calls, properties) = await RunAsync(service);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(broker.Env("KAFKA_NODE_ID"), properties["node.id"]);
        Assert.Equal(broker.Env("KAFKA_ADVERTISED_LISTENERS"), properties["advertised.listeners"]);
        Assert.Equal(broker.Env("KAFKA_CONTROLLER_QUORUM_VOTERS"), properties["controller.quorum.voters"]);
        Assert.Equal("SCRAM-SHA-512", properties["sasl.enabled.mechanisms"]);
        Assert.Equal("SCRAM-SHA-512", properties["sasl.mechanism.inter.broker.protocol"]);
        Assert.Equal("2", properties["min.insync.replicas"]);
        // Launcher settings and the script's own variables are not broker properties.
        Assert.DoesNotContain(properties.Keys, k => k.StartsWith("heap.", StringComparison.Ordinal) || k.StartsWith("scram", StringComparison.Ordinal));
        var start = Assert.Single(calls, c => c[0] == "kafka-server-start.sh");
        Assert.Equal(Path.Combine(_dir, "config", "server.properties"), start[1]);
    }

    [Fact]
    public void SaslBrokers_SetCapitalisedKeys_OnlyInTheKafkaNamingRule()
    {
        // KAFKA_FOO_BAR -> foo.bar: a key with lower-case letters or a stray separator would become a property nobody reads.
        foreach (var key in _compose.KafkaClusters().Values.SelectMany(c => c).SelectMany(b => b.Environment.Keys).Where(k => k.StartsWith("KAFKA_", StringComparison.Ordinal)))
        {
            Assert.Matches("^KAFKA_[A-Z0-9]+(_{1,3}[A-Z0-9]+)*$", key);
        }
    }

    [Fact]
    public async Task GivesEverySaslListener_TheInterBrokerCredentials_FromTheSecret()
    {
        var (result, _, properties) = await RunAsync("kafka-sasl-1");
        var password = Secret("kafka_admin_password");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var listener in new[] { "internal", "external" })
        {
            Assert.Equal(
                $"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"{password}\";",
                properties[$"listener.name.{listener}.scram-sha-512.sasl.jaas.config"]);
        }

        Assert.DoesNotContain(properties.Keys, k => k.StartsWith("listener.name.controller.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FormatsTheStorage_WithBothScramUsers_KeepingDataOnRestart()
    {
        var broker = _compose.Service("kafka-sasl-1");
        var (result, calls, _) = await RunAsync("kafka-sasl-1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var format = Assert.Single(calls, c => c[0] == "kafka-storage.sh");
        Assert.Equal("format", format[1]);
        Assert.Contains("--ignore-formatted", format);
        Assert.Equal(broker.Env("CLUSTER_ID"), format[Array.IndexOf(format, "--cluster-id") + 1]);
        var users = format.Select((a, i) => (a, i)).Where(x => x.a == "--add-scram").Select(x => format[x.i + 1]).ToList();
        Assert.Equal(
            [$"SCRAM-SHA-512=[name=admin,password={Secret("kafka_admin_password")}]", $"SCRAM-SHA-512=[name=aggregator,password={Secret("kafka_aggregator_password")}]"],
            users);
        Assert.True(calls.FindIndex(c => c[0] == "kafka-storage.sh") < calls.FindIndex(c => c[0] == "kafka-server-start.sh"));
    }

    [Fact]
    public async Task AdminClientProperties_ForTheHealthCheck_AreWhereTheHealthCheckReadsThem()
    {
        var broker = _compose.Service("kafka-sasl-1");
        var (result, _, _) = await RunAsync("kafka-sasl-1");
        var test = ((YamlDotNet.RepresentationModel.YamlSequenceNode)ComposeFile.Child(broker.Healthcheck!, "test")!).Select(ComposeFile.Scalar).ToList();

        Assert.True(result.ExitCode == 0, result.ToString());
        var configured = test[test.IndexOf("--command-config") + 1];
        Assert.Equal("/tmp/kafka-sasl/admin-client.properties", configured); // SASL_CONFIG_DIR's default in the container
        var client = File.ReadAllText(Path.Combine(_dir, "config", "admin-client.properties"));
        Assert.Contains("sasl.mechanism=SCRAM-SHA-512", client, StringComparison.Ordinal);
        Assert.Contains("security.protocol=SASL_PLAINTEXT", client, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has\"quote-in-it")]
    [InlineData("has,comma-in-it")]
    [InlineData("")]
    public async Task RefusesPasswords_ThatWouldBreakTheJaasLineOrTheUserList_AndStartsNothing(string password)
    {
        var file = Path.Combine(_dir, "bad-password.txt");
        await File.WriteAllTextAsync(file, password);

        var (result, calls, _) = await RunAsync("kafka-sasl-1", new() { ["SCRAM_CLIENT_PASSWORD_FILE"] = file });

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("password", result.Output, StringComparison.Ordinal);
        Assert.Empty(calls);
    }

    private string Secret(string name) => RepoPaths.ReadText(_compose.SecretFiles[name]!).Trim();

    private async Task<(ShellResult Result, List<string[]> Calls, Dictionary<string, string> Properties)> RunAsync(
        string service, Dictionary<string, string>? extra = null)
    {
        var broker = _compose.Service(service);
        var log = Path.Combine(_dir, "calls.log");
        File.Delete(log);
        var env = new Dictionary<string, string>(broker.Environment, StringComparer.Ordinal)
        {
            ["KAFKA_BIN"] = Path.Combine(_dir, "bin"),
            ["SASL_CONFIG_DIR"] = Path.Combine(_dir, "config"),
            ["FAKE_LOG"] = log,
        };
        foreach (var key in new[] { "SCRAM_ADMIN_PASSWORD_FILE", "SCRAM_CLIENT_PASSWORD_FILE" })
        {
            env[key] = RepoPaths.Of(_compose.SecretFiles[env[key].Split('/')[^1]]!); // /run/secrets/NAME -> the secret's file
        }

        foreach (var (key, value) in extra ?? [])
        {
            env[key] = value;
        }

        var result = await ShellRun.BashAsync([RepoPaths.Of("deploy/kafka/sasl-broker.sh")], env, clean: true);
        var calls = File.Exists(log) ? File.ReadAllLines(log).Select(l => l.Split('\t')).ToList() : [];
        var propertiesFile = Path.Combine(_dir, "config", "server.properties");
        var properties = File.Exists(propertiesFile)
            ? File.ReadAllLines(propertiesFile).Where(l => !l.StartsWith('#') && l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..])
            : [];
        return (result, calls, properties);
    }
}
