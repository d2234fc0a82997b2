using System.Text;
using Aggregator.IntegrationTests.Infrastructure;
using Confluent.Kafka;

namespace Aggregator.IntegrationTests.Reporting;

/// <summary>
/// One application (topics, application id, Slack webhooks on a <see cref="FakeSlackWebhook"/>) whose instances run
/// as real `aggregator` processes on the embedded broker. Settings keep the tests quick: short commit interval,
/// idle and session timeouts; summaries only when event time closes an interval (no wall-clock fallback within a
/// test); the built-in alarms off, so only a test's own rules page.
/// </summary>
internal sealed class ReportingApp
{
    public const int Partitions = 4;
    private readonly EmbeddedKafkaFixture _kafka;
    private readonly string _work;
    private readonly Dictionary<string, string?> _settings;

    public ReportingApp(EmbeddedKafkaFixture kafka, FakeSlackWebhook slack, string work, IReadOnlyDictionary<string, string>? extra = null)
    {
        _kafka = kafka;
        _work = work;
        _settings = ThrowawayApp.Settings(kafka.BootstrapServers, "rep", Partitions);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Streams:SessionTimeout"] = "00:00:06",
            ["Reports:SilenceAfter"] = "00:30:00",
            ["Slack:SummaryWebhookUrl"] = slack.Webhook("summary").ToString(),
            ["Slack:AlarmWebhookUrl"] = slack.Webhook("alarm").ToString(),
            ["Slack:MaxMessagesPerSecond"] = "20",
            ["Slack:BaseRetryDelay"] = "00:00:00.200",
            ["Slack:MaxAttempts"] = "2",
            ["Alarms:Builtin:PipelineStalled:Enabled"] = "false",
            ["Alarms:Builtin:LagGrowing:Enabled"] = "false",
            ["Alarms:Builtin:DlqSpike:Enabled"] = "false",
            ["Status:Interval"] = "00:00:05",
        }.Concat(extra ?? new Dictionary<string, string>()))
        {
            _settings[key] = value;
        }

        ThrowawayApp.CreateTopics(kafka, _settings);
    }

    public string RawTopic => _settings["Topics:Raw"]!;

    public string CountsTopic => _settings["Topics:Counts"]!;

    /// <summary>Starts an instance with its own id and state directory (a fresh one is a failover target).</summary>
    public AppProcess Start(string instance) => AppProcess.StartAggregator(
        _work,
        null,
        [.. _settings.Append(KeyValuePair.Create("Streams:InstanceId", (string?)instance))
            .Append(KeyValuePair.Create("Streams:StateDirectory", (string?)Path.Combine(_work, "state-" + instance)))
            .Select(s => $"--{s.Key}={s.Value}")
            .Prepend("run")]);

    /// <summary>Produces the events to the partitions they name, in order.</summary>
    public void Produce(IEnumerable<RawActivity> events)
    {
        using var producer = _kafka.CreateProducer();
        foreach (var e in events)
        {
            producer.Produce(new TopicPartition(RawTopic, e.Partition), new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(e.User), Value = e.Json() });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Page views at <paramref name="time"/> on every raw partition, from many users on many paths: moves every
    /// partition's event time on. A task's readers learn its progress from what it sends them, so the events must
    /// reach every de-duplicating partition (keyed by user) and every counting partition (keyed by type and path).
    /// </summary>
    public static IEnumerable<RawActivity> Tick(DateTimeOffset time, string tag) =>
        from p in Enumerable.Range(0, Partitions)
        from k in Enumerable.Range(0, 8)
        select new RawActivity(p, $"tick-{tag}-{p}-{k}", "page_view", $"u-tick-{p}-{k}", time.AddMilliseconds(k), $"/tick/{p}/{k}");
}
