using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Operations;

namespace Aggregator.IntegrationTests.Alerting;

/// <summary>
/// deploy/burrow/burrow.toml run by Debian's Burrow against the embedded broker, with a local ZooKeeper (Burrow
/// requires one). Only the addresses and the protocol level change (Burrow 1.2.1's Kafka client speaks to the mock
/// only at kafka-version 0.10.2.0). What the mock allows: metadata and partition offsets, so Burrow's cluster module
/// works; committed offsets stay inside the mock (nothing in __consumer_offsets), so group lag is not evaluated here.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed partial class BurrowConfigTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("agg-burrow-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task BurrowStartsWithTheComposeConfig_AndReadsTheEmbeddedBrokersTopicsAndOffsets()
    {
        var burrowPath = AlertingTools.Require(AlertingTools.Burrow);
        var topic = kafka.CreateTopic("burrow", partitions: 3);
        var (zkPort, httpPort) = (AlertingTools.FreePort(), AlertingTools.FreePort());
        await using var zookeeper = StartZooKeeper(zkPort);
        await WaitForZooKeeperAsync(zkPort, zookeeper); // Burrow gives up at once when ZooKeeper is not serving yet
        WriteLocalConfig(zkPort, httpPort);

        await using var burrow = AppProcess.Start(burrowPath, ["-config-dir", _work], _work);
        try
        {
            var topics = await PollAsync($"http://127.0.0.1:{httpPort}/v3/kafka/local/topic", json => json.GetProperty("topics").EnumerateArray().Any(t => t.GetString() == topic));
            Assert.False(topics.GetProperty("error").GetBoolean());

            var offsets = await PollAsync($"http://127.0.0.1:{httpPort}/v3/kafka/local/topic/{topic}", json => json.TryGetProperty("offsets", out _));
            Assert.Equal(3, offsets.GetProperty("offsets").GetArrayLength());

            // The consumer module runs (it answers), though the mock gives it no group to evaluate.
            var consumers = await PollAsync($"http://127.0.0.1:{httpPort}/v3/kafka/local/consumer", json => json.TryGetProperty("consumers", out _));
            Assert.False(consumers.GetProperty("error").GetBoolean());
            Assert.False(burrow.HasExited);
        }
        finally
        {
            output.WriteLine(burrow.StandardOutput + burrow.StandardError);
        }
    }

    /// <summary>The compose file's Burrow config with loopback addresses; every other setting as shipped (the pid file lands in the working directory).</summary>
    private void WriteLocalConfig(int zkPort, int httpPort)
    {
        var config = RepoPaths.ReadText("deploy/burrow/burrow.toml");
        config = KafkaServers().Replace(config, $"servers=[\"{kafka.BootstrapServers}\"]");
        config = config.Replace("servers=[\"burrow-zookeeper:2181\"]", $"servers=[\"127.0.0.1:{zkPort}\"]", StringComparison.Ordinal);
        config = config.Replace("address=\":8000\"", $"address=\"127.0.0.1:{httpPort}\"", StringComparison.Ordinal);
        config = KafkaVersion().Replace(config, "kafka-version=\"0.10.2.0\"");
        Assert.Contains($"127.0.0.1:{zkPort}", config, StringComparison.Ordinal);
        Assert.Equal(2, config.Split(kafka.BootstrapServers).Length - 1);
        File.WriteAllText(Path.Combine(_work, "burrow.toml"), config);
    }

    private AppProcess StartZooKeeper(int port)
    {
        var script = AlertingTools.Require(AlertingTools.ZkServer);
        var dir = Directory.CreateDirectory(Path.Combine(_work, "zookeeper")).FullName;
        var config = Path.Combine(dir, "zoo.cfg");
        File.WriteAllText(config, string.Join('\n',
            "tickTime=2000", $"dataDir={dir}/data", $"clientPort={port.ToString(CultureInfo.InvariantCulture)}", "clientPortAddress=127.0.0.1", "admin.enableServer=false"));
        return AppProcess.Start(script, ["start-foreground", config], dir, new Dictionary<string, string>
        {
            ["ZOOCFGDIR"] = dir,
            ["ZOO_LOG_DIR"] = dir,
            ["JVMFLAGS"] = "-Xmx128m",
        });
    }

    /// <summary>
    /// Until ZooKeeper answers its `srvr` command with its mode: an open port alone is not enough (sessions opened
    /// while it still loads its database are dropped, and Burrow does not retry).
    /// </summary>
    private static async Task WaitForZooKeeperAsync(int port, AppProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                var stream = client.GetStream();
                await stream.WriteAsync("srvr"u8.ToArray());
                using var reader = new StreamReader(stream);
                if ((await reader.ReadToEndAsync()).Contains("Mode: standalone", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"ZooKeeper did not listen on {port} within 60 s:\n{process.StandardOutput}{process.StandardError}");
    }

    private async Task<JsonElement> PollAsync(string url, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await _http.GetFromJsonAsync<JsonElement>(url);
                if (done(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Burrow still starting (it waits for ZooKeeper and the first metadata refresh).
            }

            await Task.Delay(500);
        }

        throw new Xunit.Sdk.XunitException($"{url} did not answer as expected within 60 s; last: {last}");
    }

    [GeneratedRegex(@"servers=\[""kafka-[^\]]*\]")]
    private static partial Regex KafkaServers();

    [GeneratedRegex(@"kafka-version=""[^""]*""")]
    private static partial Regex KafkaVersion();
}
