namespace Aggregator.IntegrationTests.Operations;

/// <summary>
/// deploy/kafka/create-topics.sh run with the environment compose gives it, against stand-ins for the Kafka
/// tools that record their arguments (no broker here): the commands it would send are the ones checked.
/// </summary>
public sealed class TopicInitScriptTests : IDisposable
{
    // The application's own list: a topic added to the app but not to the script fails here.
    private static readonly string[] Topics = [.. new Aggregator.Hosting.Options.TopicsOptions().All];

    private readonly string _bin = ShellRun.CreateTempDirectory("fake-kafka-bin-");
    private readonly ComposeFile _compose = ComposeFile.Load();

    public TopicInitScriptTests()
    {
        // Each tool appends one line per call: its name, then its arguments separated by tabs.
        // kafka-topics.sh --describe reports FAKE_PARTITIONS (default 6) partitions.
        const string Record = "printf '%s' \"$(basename \"$0\")\" >>\"$FAKE_LOG\"; printf '\\t%s' \"$@\" >>\"$FAKE_LOG\"; echo >>\"$FAKE_LOG\"\n";
        ShellRun.WriteExecutable(Path.Combine(_bin, "kafka-broker-api-versions.sh"), "#!/bin/bash\n" + Record + "exit \"${FAKE_API_EXIT:-0}\"\n");
        ShellRun.WriteExecutable(Path.Combine(_bin, "kafka-topics.sh"), "#!/bin/bash\n" + Record + """
            for a in "$@"; do if [[ $a == --command-config ]]; then shift_next=1; elif [[ -n ${shift_next:-} ]]; then cp "$a" "$FAKE_LOG.client"; shift_next=; fi; done
            if [[ " $* " == *" --describe "* ]]; then printf 'Topic: x\tTopicId: y\tPartitionCount: %s\tReplicationFactor: 3\n' "${FAKE_PARTITIONS:-6}"; fi
            """);
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Fact]
    public async Task CreatesTheApplicationsTopics_Idempotently_WithThreeReplicasAndTwoInSync()
    {
        var (result, calls) = await RunAsync("topic-init");

        Assert.True(result.ExitCode == 0, result.ToString());
        var creates = calls.Where(c => c[0] == "kafka-topics.sh" && c.Contains("--create")).ToList();
        Assert.Equal(Topics, creates.Select(c => Value(c, "--topic")));
        Assert.All(creates, c =>
        {
            Assert.Contains("--if-not-exists", c);
            Assert.Equal("6", Value(c, "--partitions"));
            Assert.Equal("3", Value(c, "--replication-factor"));
            Assert.Contains("min.insync.replicas=2", Values(c, "--config"));
            Assert.Equal("kafka-1:19092,kafka-2:19092,kafka-3:19092", Value(c, "--bootstrap-server"));
        });
    }

    [Fact]
    public async Task OnlyTheOptOutTopic_IsCompacted()
    {
        var (result, calls) = await RunAsync("topic-init");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var create in calls.Where(c => c.Contains("--create")))
        {
            var compacted = Values(create, "--config").Contains("cleanup.policy=compact");
            Assert.Equal(Value(create, "--topic") == "privacy.optouts", compacted);
        }
    }

    [Fact]
    public async Task ErasureNotices_AreKeptThirtyDays_NotForever()
    {
        var (result, calls) = await RunAsync("topic-init");

        Assert.True(result.ExitCode == 0, result.ToString());
        var erasures = Assert.Single(calls, c => c.Contains("--create") && Value(c, "--topic") == "privacy.erasures");
        Assert.Contains("retention.ms=2592000000", Values(erasures, "--config"));
    }

    [Fact]
    public async Task WaitsForEveryBroker_BeforeCreatingAnything()
    {
        var (result, calls) = await RunAsync("topic-init");

        Assert.True(result.ExitCode == 0, result.ToString());
        var probes = calls.TakeWhile(c => c[0] == "kafka-broker-api-versions.sh").Select(c => Value(c, "--bootstrap-server")).ToList();
        Assert.Equal(["kafka-1:19092", "kafka-2:19092", "kafka-3:19092"], probes);
    }

    [Fact]
    public async Task FailsWithoutCreatingAnything_WhenTheBrokersNeverAnswer()
    {
        var (result, calls) = await RunAsync("topic-init", new() { ["FAKE_API_EXIT"] = "1", ["WAIT_SECONDS"] = "0" });

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("did not answer", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c[0] == "kafka-topics.sh");
    }

    [Fact]
    public async Task Fails_WhenAnExistingTopicHasAnotherPartitionCount()
    {
        var (result, _) = await RunAsync("topic-init", new() { ["FAKE_PARTITIONS"] = "4" });

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("activity.raw has 4 partitions, expected 6", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaslJob_AuthenticatesEveryCall_AsTheAdminUser_WithScramSha512()
    {
        var (result, calls) = await RunAsync("topic-init-sasl");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(calls, c => Assert.NotNull(Value(c, "--command-config")));
        var client = File.ReadAllText(Path.Combine(_bin, "calls.log.client"));
        var password = RepoPaths.ReadText(_compose.SecretFiles["kafka_admin_password"]!).Trim();
        Assert.Contains("security.protocol=SASL_PLAINTEXT", client, StringComparison.Ordinal);
        Assert.Contains("sasl.mechanism=SCRAM-SHA-512", client, StringComparison.Ordinal);
        Assert.Contains($"username=\"admin\" password=\"{password}\";", client, StringComparison.Ordinal);
    }

    private async Task<(ShellResult Result, List<string[]> Calls)> RunAsync(string service, Dictionary<string, string>? extra = null)
    {
        var job = _compose.Service(service);
        var log = Path.Combine(_bin, "calls.log");
        var env = new Dictionary<string, string>(job.Environment, StringComparer.Ordinal)
        {
            ["KAFKA_BIN"] = _bin,
            ["FAKE_LOG"] = log,
        };
        if (env.TryGetValue("ADMIN_PASSWORD_FILE", out var secretPath))
        {
            env["ADMIN_PASSWORD_FILE"] = RepoPaths.Of(_compose.SecretFiles[secretPath.Split('/')[^1]]!);
        }

        foreach (var (key, value) in extra ?? [])
        {
            env[key] = value;
        }

        var result = await ShellRun.BashAsync([RepoPaths.Of("deploy/kafka/create-topics.sh")], env, clean: true);
        var calls = File.Exists(log) ? File.ReadAllLines(log).Select(l => l.Split('\t')).ToList() : [];
        return (result, calls);
    }

    private static string? Value(string[] call, string flag) => Values(call, flag).FirstOrDefault();

    private static List<string> Values(string[] call, string flag) =>
        call.Select((a, i) => (a, i)).Where(x => x.a == flag && x.i + 1 < call.Length).Select(x => call[x.i + 1]).ToList();
}
