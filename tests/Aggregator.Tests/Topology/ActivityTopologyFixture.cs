using System.Text;
using System.Text.Json;
using Aggregator.Activity;
using Aggregator.Privacy;
using Aggregator.Streams.Testing;
using Aggregator.Topology;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Tests.Topology;

/// <summary>The activity topology on the test driver, with helpers to pipe raw JSON and read the outputs.</summary>
internal sealed class ActivityTopologyFixture : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    /// <param name="outbox">Where the report merger's Slack messages go (default: nowhere).</param>
    public ActivityTopologyFixture(Aggregator.Topology.Reporting.IOutbox? outbox = null)
    {
        Metrics = new ActivityMetrics();
        var refiner = ActivityRefiner.Create(timeProvider: new ManualTimeProvider(T0.AddMinutes(30)));
        var reporting = Aggregator.Topology.Reporting.ReportingSettings.Defaults(new Aggregator.Hosting.Options.WindowsOptions());
        reporting = reporting with { Outbox = outbox ?? reporting.Outbox };
        var topology = ActivityTopology.Build(ActivityTopologySettings.Default, refiner, CountKeyBuilder.For(CountDimension.Type, CountDimension.Path), Metrics, reporting);
        Driver = new TopologyTestDriver(topology);
        Refined = Driver.CreateOutputTopic("activity.refined", S.String, S.String);
        Dlq = Driver.CreateOutputTopic("activity.dlq", S.ByteArray, S.ByteArray);
        Counts = Driver.CreateOutputTopic("activity.counts", S.String, S.String);
    }

    public TopologyTestDriver Driver { get; }

    public ActivityMetrics Metrics { get; }

    public TestOutputTopic<string, string> Refined { get; }

    public TestOutputTopic<byte[], byte[]> Dlq { get; }

    public TestOutputTopic<string, string> Counts { get; }

    public void PipeRaw(string json, long? timestampMs = null) =>
        Driver.PipeRaw("activity.raw", null, Encoding.UTF8.GetBytes(json), timestampMs ?? T0.AddMinutes(30).ToUnixTimeMilliseconds());

    public void PipeEvent(string user, DateTimeOffset time, string type = "page_view", string path = "/home", string? eventId = null) =>
        PipeRaw(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["eventId"] = eventId ?? Guid.NewGuid().ToString(),
            ["type"] = type,
            ["userId"] = user,
            ["timestamp"] = time.ToString("O"),
            ["url"] = "https://shop.example.com" + path,
        }));

    /// <summary>Lets wall-clock punctuators (the report merger's delivery tick) run.</summary>
    public void AdvanceWallClock() => Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

    public void OptOut(string user, bool optedOut = true) =>
        Driver.PipeRaw("privacy.optouts", Encoding.UTF8.GetBytes(user), OptOutSerde.Instance.Serialize(optedOut), T0.ToUnixTimeMilliseconds());

    public void OptBackInWithTombstone(string user) =>
        Driver.PipeRaw("privacy.optouts", Encoding.UTF8.GetBytes(user), null, T0.ToUnixTimeMilliseconds());

    /// <summary>Latest count per "key@HH:mm" window start, as activity.counts converges to.</summary>
    public Dictionary<string, long> LatestCounts()
    {
        var latest = new Dictionary<string, long>();
        foreach (var record in Counts.ReadRecordsToList())
        {
            using var value = JsonDocument.Parse(record.Value);
            var start = DateTimeOffset.Parse(value.RootElement.GetProperty("windowStart").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            latest[$"{value.RootElement.GetProperty("key").GetString()}@{start:HH:mm}"] = value.RootElement.GetProperty("count").GetInt64();
        }

        return latest;
    }

    public void Dispose()
    {
        Driver.Dispose();
        Metrics.Dispose();
    }
}
