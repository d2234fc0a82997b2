namespace Aggregator.IntegrationTests.Operations;

/// <summary>
/// The brokers of docker-compose.yml, checked the way a broken cluster would show up at `docker compose up`:
/// wrong quorum, unreachable advertised listeners, image defaults leaking in. No Docker engine is needed.
/// </summary>
public sealed class ComposeKafkaClusterTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    // The apache/kafka image fills these with single-node defaults (node 1, RF 1, /tmp logs) when unset.
    private static readonly string[] ImageDefaultedKeys =
    [
        "CLUSTER_ID", "KAFKA_NODE_ID", "KAFKA_PROCESS_ROLES", "KAFKA_LISTENERS", "KAFKA_ADVERTISED_LISTENERS",
        "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_CONTROLLER_LISTENER_NAMES",
        "KAFKA_INTER_BROKER_LISTENER_NAME", "KAFKA_LOG_DIRS", "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
        "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
        "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS",
    ];

    [Fact]
    public void Clusters_AreThePlainOneAndTheSaslOne_EachOfThreeCombinedKraftNodes()
    {
        var clusters = _compose.KafkaClusters();

        Assert.Equal(2, clusters.Count);
        Assert.Contains(clusters.Values, c => c.Select(b => b.Name).SequenceEqual(["kafka-1", "kafka-2", "kafka-3"]));
        Assert.Contains(clusters.Values, c => c.Select(b => b.Name).SequenceEqual(["kafka-sasl-1", "kafka-sasl-2", "kafka-sasl-3"]));
        foreach (var broker in clusters.Values.SelectMany(c => c))
        {
            Assert.Equal("broker,controller", broker.Env("KAFKA_PROCESS_ROLES"));
            Assert.StartsWith("apache/kafka:3.9.", broker.Image);
            Assert.Equal(broker.Name, broker.Hostname);
        }
    }

    [Fact]
    public void Brokers_OfACluster_HaveDistinctNodeIds_AndEveryHostPortIsDistinct()
    {
        foreach (var (clusterId, brokers) in _compose.KafkaClusters())
        {
            var nodeIds = brokers.Select(b => int.Parse(b.Env("KAFKA_NODE_ID"))).ToList();
            Assert.True(nodeIds.Distinct().Count() == brokers.Count, $"cluster {clusterId}: node ids {string.Join(",", nodeIds)} repeat");
        }

        var hostPorts = _compose.Services.Values.SelectMany(s => s.Ports.Select(p => (s.Name, p.HostPort))).ToList();
        var repeated = hostPorts.GroupBy(p => p.HostPort).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => p.Name))}");
        Assert.Empty(repeated);
    }

    [Fact]
    public void ExternalListener_IsAdvertisedAsLocalhost_OnTheHostPortThatIsPublishedForIt()
    {
        foreach (var broker in _compose.KafkaClusters().Values.SelectMany(c => c))
        {
            var external = KafkaListeners.Advertised(broker)["EXTERNAL"];
            var bound = KafkaListeners.Listeners(broker)["EXTERNAL"];

            Assert.Equal("localhost", external.Host);
            var published = Assert.Single(broker.Ports, p => p.HostPort == external.Port);
            Assert.Equal(bound.Port, published.ContainerPort);
            Assert.Equal("127.0.0.1", published.HostIp);
        }
    }

    [Fact]
    public void InternalListener_IsAdvertisedUnderTheServiceName_OnTheBoundPort_AndControllerIsNotAdvertised()
    {
        foreach (var broker in _compose.KafkaClusters().Values.SelectMany(c => c))
        {
            var advertised = KafkaListeners.Advertised(broker);
            var bound = KafkaListeners.Listeners(broker);
            var protocols = KafkaListeners.ProtocolMap(broker.Env("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"));
            var interBroker = broker.Env("KAFKA_INTER_BROKER_LISTENER_NAME");
            var controller = broker.Env("KAFKA_CONTROLLER_LISTENER_NAMES");

            Assert.Equal("INTERNAL", interBroker);
            Assert.Equal(broker.Name, advertised[interBroker].Host); // other containers resolve service names
            Assert.Equal(bound[interBroker].Port, advertised[interBroker].Port);
            Assert.Equal(["CONTROLLER", "EXTERNAL", "INTERNAL"], bound.Keys.Order(StringComparer.Ordinal));
            Assert.DoesNotContain(controller, advertised.Keys);
            Assert.All(bound.Keys, name => Assert.True(protocols.ContainsKey(name), $"{broker}: no security protocol for {name}"));
            Assert.Equal("PLAINTEXT", protocols[controller]);
        }
    }

    [Fact]
    public void ControllerQuorumVoters_ListEveryBrokerOfTheCluster_AtItsControllerPort()
    {
        foreach (var (_, brokers) in _compose.KafkaClusters())
        {
            var expected = brokers
                .Select(b => $"{b.Env("KAFKA_NODE_ID")}@{b.Name}:{KafkaListeners.Listeners(b)[b.Env("KAFKA_CONTROLLER_LISTENER_NAMES")].Port}")
                .Order(StringComparer.Ordinal)
                .ToList();
            foreach (var broker in brokers)
            {
                var voters = broker.Env("KAFKA_CONTROLLER_QUORUM_VOTERS").Split(',').Order(StringComparer.Ordinal).ToList();
                Assert.Equal(expected, voters);
            }
        }
    }

    [Fact]
    public void Brokers_SetEveryKeyTheImageWouldDefault_AndReplicateThreeTimesWithTwoInSync()
    {
        foreach (var broker in _compose.KafkaClusters().Values.SelectMany(c => c))
        {
            Assert.All(ImageDefaultedKeys, key => Assert.False(string.IsNullOrWhiteSpace(broker.Env(key)), $"{broker}: {key} is empty"));
            Assert.Equal("3", broker.Env("KAFKA_DEFAULT_REPLICATION_FACTOR"));
            Assert.Equal("2", broker.Env("KAFKA_MIN_INSYNC_REPLICAS"));
            Assert.Equal("3", broker.Env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"));
            Assert.Equal("3", broker.Env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"));
            Assert.Equal("2", broker.Env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"));
            Assert.Equal("false", broker.Env("KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
            Assert.Contains(broker.Volumes, v => v.Type == "volume" && v.Target == broker.Env("KAFKA_LOG_DIRS") && _compose.NamedVolumes.Contains(v.Source!));
        }
    }

    [Fact]
    public void Brokers_HaveAHealthCheck_ThatTheTopicJobWaitsFor()
    {
        foreach (var (_, brokers) in _compose.KafkaClusters())
        {
            var topicJob = Assert.Single(_compose.Services.Values, s => s.Command.Any(c => c.EndsWith("create-topics.sh", StringComparison.Ordinal))
                                                                       && brokers.All(b => s.DependsOn.ContainsKey(b.Name)));
            foreach (var broker in brokers)
            {
                Assert.NotNull(broker.Healthcheck);
                Assert.Contains("kafka-broker-api-versions.sh", ComposeFile.Child(broker.Healthcheck!, "test")!.ToString(), StringComparison.Ordinal);
                Assert.Equal("service_healthy", topicJob.DependsOn[broker.Name]);
            }
        }
    }
}
