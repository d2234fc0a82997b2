using System.Text.Json;
using Aggregator.Hosting.Options;
using Aggregator.Privacy;
using Aggregator.Topology;
using Microsoft.Extensions.Time.Testing;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Tests.Privacy;

/// <summary>The erasure application on Streamiz's test driver: one notice per identity that opts out.</summary>
public sealed class ErasureTopologyTests : IDisposable
{
    private static readonly DateTimeOffset OptOutTime = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly string _state = Path.Combine(Path.GetTempPath(), "aggregator-tests", Guid.NewGuid().ToString("N"));
    private readonly TopologyTestDriver _driver;
    private readonly TestInputTopic<string, string> _optOuts;
    private readonly TestOutputTopic<string, string> _erasures;

    public ErasureTopologyTests()
    {
        var time = new FakeTimeProvider(OptOutTime.AddSeconds(2));
        var topology = ErasureTopology.Build(new TopicsOptions(), TimeSpan.FromDays(7), time, new ActivityMetrics());
        _driver = new TopologyTestDriver(topology, new StreamConfig<StringSerDes, StringSerDes> { ApplicationId = "aggregator-erasures", StateDir = _state });
        _optOuts = _driver.CreateInputTopic<string, string, StringSerDes, StringSerDes>("privacy.optouts");
        _erasures = _driver.CreateOutputTopic<string, string, StringSerDes, StringSerDes>("privacy.erasures", TimeSpan.FromMilliseconds(50));
    }

    public void Dispose()
    {
        _driver.Dispose();
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Fact]
    public void OptOut_PublishesANotice_KeyedByTheIdentity_WithTheRangeHeld()
    {
        _optOuts.PipeInput("anon-1", """{"optedOut":true}""", OptOutTime.UtcDateTime);

        var notice = Assert.Single(_erasures.ReadKeyValueList());
        Assert.Equal("anon-1", notice.Message.Key);
        using var json = JsonDocument.Parse(notice.Message.Value);
        Assert.Equal("anon-1", json.RootElement.GetProperty("identity").GetString());
        Assert.Equal("2026-11-21T10:00:00.000Z", json.RootElement.GetProperty("optedOutAt").GetString());
        Assert.Equal("2026-11-14T10:00:00.000Z", json.RootElement.GetProperty("heldFrom").GetString());
        Assert.Equal("2026-11-21T10:01:02.000Z", json.RootElement.GetProperty("heldUntil").GetString());
    }

    [Fact]
    public void ResentOptOut_IsNotNotifiedTwice_ButOptingOutAgainAfterOptingBackInIs()
    {
        _optOuts.PipeInput("u-1", """{"optedOut":true}""", OptOutTime.UtcDateTime);
        _optOuts.PipeInput("u-1", """{"optedOut":true}""", OptOutTime.AddSeconds(1).UtcDateTime);
        _optOuts.PipeInput("u-2", """{"optedOut":false}""", OptOutTime.UtcDateTime);
        _optOuts.PipeInput("u-1", null!, OptOutTime.AddSeconds(2).UtcDateTime);
        _optOuts.PipeInput("u-1", """{"optedOut":true}""", OptOutTime.AddSeconds(3).UtcDateTime);

        Assert.Equal(["u-1", "u-1"], _erasures.ReadKeyValueList().Select(r => r.Message.Key));
    }

    [Fact]
    public void ErasureApplication_HasItsOwnApplicationId_AndKeepsTheGuaranteeSettings()
    {
        var activity = new StreamsOptions { ApplicationId = "shop", InstanceId = "i-1", StateDirectory = "/var/lib/a", ProcessingGuarantee = StreamsOptions.AtLeastOnce, Threads = 4 };

        var erasures = ErasureStream.Options(activity);

        Assert.Equal("shop-erasures", erasures.ApplicationId); // its own consumer group: each opt-out goes to one instance
        Assert.Equal(("i-1", "/var/lib/a", StreamsOptions.AtLeastOnce, 1), (erasures.InstanceId, erasures.StateDirectory, erasures.ProcessingGuarantee, erasures.Threads));
    }
}
