namespace Aggregator.IntegrationTests.Operations;

/// <summary>The non-broker services of docker-compose.yml: topic job, workers, generator, UIs, files and profiles.</summary>
public sealed class ComposeServicesTests
{
    private static readonly string[] DefaultServices =
        ["kafka-1", "kafka-2", "kafka-3", "topic-init", "schema-registry", "kafka-ui", "worker", "generator", "prometheus", "alertmanager", "burrow", "burrow-zookeeper", "grafana"];

    private static readonly string[] SaslServices =
        ["kafka-sasl-1", "kafka-sasl-2", "kafka-sasl-3", "topic-init-sasl", "kafka-ui-sasl", "worker-sasl", "generator-sasl"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void ComposeFile_FollowsTheComposeSpec_WithNoVersionKey()
    {
        Assert.Null(ComposeFile.Child(_compose.Root, "version"));
        Assert.Equal(DefaultServices.Concat(SaslServices).Order(StringComparer.Ordinal), _compose.Services.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DefaultProfile_RunsThePlainStack_AndTheSaslProfileEverythingThatTalksToTheSaslCluster()
    {
        Assert.All(DefaultServices, name => Assert.Empty(_compose.Service(name).Profiles));
        Assert.All(SaslServices, name => Assert.Equal(["sasl"], _compose.Service(name).Profiles));

        // A default-profile service must not depend on (or point at) a sasl-only one, or plain `up` would fail.
        foreach (var name in DefaultServices)
        {
            var service = _compose.Service(name);
            Assert.DoesNotContain(service.DependsOn.Keys, SaslServices.Contains);
            Assert.DoesNotContain(service.Environment.Values.Concat(service.Command), v => v.Contains("kafka-sasl-", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EveryFileAndDirectoryTheComposeFileReferences_Exists()
    {
        foreach (var service in _compose.Services.Values)
        {
            foreach (var bind in service.Volumes.Where(v => v.Type == "bind"))
            {
                Assert.True(File.Exists(RepoPaths.Of(bind.Source!)) || Directory.Exists(RepoPaths.Of(bind.Source!)), $"{service}: {bind.Source} does not exist");
                Assert.True(bind.ReadOnly, $"{service}: {bind.Source} should be mounted read-only");
            }

            // Scripts the services run from the repository must be mounted where the command expects them.
            var entrypoint = ComposeFile.Child(service.Node, "entrypoint") is YamlDotNet.RepresentationModel.YamlSequenceNode e ? e.Select(ComposeFile.Scalar) : [];
            foreach (var script in service.Command.Concat(entrypoint).Where(a => a.StartsWith("/opt/aggregator/", StringComparison.Ordinal)))
            {
                Assert.True(service.Volumes.Any(v => v.Type == "bind" && v.Target == script), $"{service}: runs {script}, which is not mounted");
            }

            foreach (var named in service.Volumes.Where(v => v.Type == "volume" && v.Source is not null))
            {
                Assert.Contains(named.Source!, _compose.NamedVolumes);
            }

            foreach (var secret in service.Secrets)
            {
                Assert.True(_compose.SecretFiles.ContainsKey(secret), $"{service}: secret {secret} is not declared");
            }

            if (service.BuildContext is { } context)
            {
                Assert.True(Directory.Exists(RepoPaths.Of(context)), $"{service}: build context {context} does not exist");
                Assert.True(File.Exists(Path.Combine(RepoPaths.Of(context), service.BuildDockerfile!)), $"{service}: {service.BuildDockerfile} does not exist");
            }
        }

        Assert.NotEmpty(_compose.SecretFiles);
        Assert.All(_compose.SecretFiles.Concat(_compose.ConfigFiles).Where(f => f.Value is not null),
            f => Assert.True(File.Exists(RepoPaths.Of(f.Value!)), $"{f.Key}: {f.Value} does not exist"));
    }

    [Fact]
    public void ExampleSecrets_AreMarkedAsExamples()
    {
        foreach (var (name, file) in _compose.SecretFiles)
        {
            Assert.Contains(".example.", Path.GetFileName(file), StringComparison.Ordinal);
            Assert.Contains("example", RepoPaths.ReadText(file!), StringComparison.Ordinal);
            Assert.Contains(name, RepoPaths.ReadText("deploy/secrets/README.md"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("worker", "kafka-1")]
    [InlineData("worker-sasl", "kafka-sasl-1")]
    public void Worker_RunsTwoReplicas_OfOneApplicationId_EachWithItsOwnStateVolume(string name, string aBroker)
    {
        var worker = _compose.Service(name);
        var brokers = _compose.KafkaClusters().Values.Single(c => c.Any(b => b.Name == aBroker));

        Assert.Equal(2, worker.Replicas);
        Assert.Equal(["run"], worker.Command);
        Assert.Equal("aggregator", worker.Env("AGGREGATOR_Streams__ApplicationId"));
        Assert.Equal(KafkaListeners.InternalBootstrap(brokers), worker.Env("AGGREGATOR_Kafka__BootstrapServers"));
        Assert.Equal(".", worker.BuildContext);
        // An anonymous volume: one per replica. A named or bind source would be shared by both replicas.
        var state = Assert.Single(worker.Volumes, v => v.Target == worker.Env("AGGREGATOR_Streams__StateDirectory"));
        Assert.Equal(("volume", (string?)null), (state.Type, state.Source));
        // A fixed container name or host port would stop the second replica from starting.
        Assert.Null(ComposeFile.Child(worker.Node, "container_name"));
        Assert.Empty(worker.Ports);
    }

    [Fact]
    public void BothWorkerServices_ShareTheApplicationId_AndTheImage()
    {
        var plain = _compose.Service("worker");
        var sasl = _compose.Service("worker-sasl");

        Assert.Equal(plain.Env("AGGREGATOR_Streams__ApplicationId"), sasl.Env("AGGREGATOR_Streams__ApplicationId"));
        Assert.Equal(plain.Image, sasl.Image);
        Assert.Equal(plain.Image, _compose.Service("generator").Image);
    }

    [Theory]
    [InlineData("topic-init", "worker", "generator", "kafka-1")]
    [InlineData("topic-init-sasl", "worker-sasl", "generator-sasl", "kafka-sasl-1")]
    public void TopicJob_CreatesTopicsForItsCluster_AndTheAppStartsOnlyAfterItSucceeded(string job, string worker, string generator, string aBroker)
    {
        var topicJob = _compose.Service(job);
        var brokers = _compose.KafkaClusters().Values.Single(c => c.Any(b => b.Name == aBroker));

        Assert.Equal(KafkaListeners.InternalBootstrap(brokers), topicJob.Env("BOOTSTRAP_SERVERS"));
        Assert.Equal("3", topicJob.Env("REPLICATION_FACTOR"));
        Assert.Equal("2", topicJob.Env("MIN_INSYNC_REPLICAS"));
        Assert.Equal(topicJob.Env("TOPIC_PARTITIONS"), _compose.Service(worker).Env("AGGREGATOR_Topics__Partitions"));
        Assert.Equal("no", ComposeFile.Text(topicJob.Node, "restart"));
        Assert.Equal(["bash", "/opt/aggregator/create-topics.sh"], topicJob.Command);
        Assert.Contains(topicJob.Volumes, v => v.Source == "./deploy/kafka/create-topics.sh" && v.Target == "/opt/aggregator/create-topics.sh");
        Assert.Equal("service_completed_successfully", _compose.Service(worker).DependsOn[job]);
        Assert.Equal("service_completed_successfully", _compose.Service(generator).DependsOn[job]);
    }

    [Theory]
    [InlineData("generator", "kafka-1")]
    [InlineData("generator-sasl", "kafka-sasl-1")]
    public void Generator_ProducesToTheRawTopic_AtAModerateRate_WithoutTheWorkersHealthCheck(string name, string aBroker)
    {
        var generator = _compose.Service(name);
        var brokers = _compose.KafkaClusters().Values.Single(c => c.Any(b => b.Name == aBroker));

        Assert.Equal("generate", generator.Command[0]);
        Assert.Equal(KafkaListeners.InternalBootstrap(brokers), generator.Argument("--bootstrap-servers"));
        Assert.Equal("activity.raw", generator.Argument("--topic"));
        Assert.InRange(double.Parse(generator.Argument("--rate")!, System.Globalization.CultureInfo.InvariantCulture), 10, 2_000);
        Assert.Equal("true", ComposeFile.Text(generator.Healthcheck!, "disable"));
    }

    [Theory]
    [InlineData("kafka-ui", "kafka-1")]
    [InlineData("kafka-ui-sasl", "kafka-sasl-1")]
    public void KafkaUi_IsWiredToItsCluster(string name, string aBroker)
    {
        var ui = _compose.Service(name);
        var brokers = _compose.KafkaClusters().Values.Single(c => c.Any(b => b.Name == aBroker));

        Assert.StartsWith("provectuslabs/kafka-ui:", ui.Image);
        Assert.Equal(KafkaListeners.InternalBootstrap(brokers), ui.Env("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS"));
        Assert.All(brokers, b => Assert.Equal("service_healthy", ui.DependsOn[b.Name]));
    }

    [Fact]
    public void SchemaRegistry_StoresSchemasInThePlainCluster_AndTheWorkerAndUiUseIt()
    {
        var registry = _compose.Service("schema-registry");
        var brokers = _compose.KafkaClusters().Values.Single(c => c.Any(b => b.Name == "kafka-1"));
        var worker = _compose.Service("worker");

        Assert.StartsWith("confluentinc/cp-schema-registry:", registry.Image);
        Assert.Equal(
            string.Join(",", KafkaListeners.InternalBootstrap(brokers).Split(',').Select(b => "PLAINTEXT://" + b)),
            registry.Env("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"));
        Assert.Equal("3", registry.Env("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR"));
        Assert.Equal("backward", registry.Env("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL"));
        Assert.All(brokers, b => Assert.Equal("service_healthy", registry.DependsOn[b.Name]));
        Assert.Equal("http://schema-registry:8081", worker.Env("AGGREGATOR_SchemaRegistry__Url"));
        Assert.Equal("avro", ComposeFile.Interpolate(worker.Env("AGGREGATOR_Serialization__Format")));
        Assert.Equal("service_healthy", worker.DependsOn["schema-registry"]);
        Assert.Equal("http://schema-registry:8081", _compose.Service("kafka-ui").Env("KAFKA_CLUSTERS_0_SCHEMAREGISTRY"));
    }

    [Fact]
    public void PublishedPorts_AreBoundToLoopbackOnly()
    {
        var published = _compose.Services.Values.SelectMany(s => s.Ports.Select(p => (Service: s.Name, Port: p))).ToList();

        Assert.NotEmpty(published);
        Assert.All(published, p => Assert.True(p.Port.HostIp == "127.0.0.1", $"{p.Service}: port {p.Port.HostPort} is published on all interfaces"));
    }
}
